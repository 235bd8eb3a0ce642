import { useEffect, useState } from 'preact/hooks';
import { ConsoleError, graphql } from '../../api/graphql';
import { DoneNotice, ErrorNotice } from '../../components/error-notice';
import { Layout } from '../../components/layout';
import { Link } from '../../components/link';
import { useAction } from '../../components/use-action';
import { OFFICER_AUDIT } from '../../grants';
import { formatDateTime, t } from '../../i18n/i18n';
import {
  BREAK_GLASS_JUSTIFICATIONS,
  BREAK_GLASS_QUEUE,
  REVIEW_BREAK_GLASS,
  type AuditEventPage,
  type AuditEventView,
} from './audit-queries';
import { OFFICER_SIGNED_IN, officerNav } from './officer-nav';
import { saveQueue } from './queue-state';

const QUEUE_PAGE = 50;

/** The justifications by event id; null when this officer may not read them (only ANAM's officers may). */
async function readJustifications(): Promise<Map<string, string> | null> {
  try {
    const answer = await graphql<{
      breakGlassAccessesAwaitingReview: { edges: { node: { eventId: string; breakGlassJustification: string | null } }[] };
    }>(OFFICER_AUDIT, BREAK_GLASS_JUSTIFICATIONS, { first: QUEUE_PAGE });
    return new Map(answer.breakGlassAccessesAwaitingReview.edges.map(({ node }) => [node.eventId, node.breakGlassJustification ?? '']));
  } catch (error) {
    if (error instanceof ConsoleError) return null;
    throw error;
  }
}

/** The break-glass accesses awaiting review, oldest first, each with its justification and the two verdicts. */
export function BreakGlassPage({ path }: { path: string }) {
  const [events, setEvents] = useState<AuditEventView[] | null>(null);
  const [justifications, setJustifications] = useState<Map<string, string> | null>(null);
  const [comments, setComments] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    void run(async () => {
      const answer = await graphql<{ breakGlassAccessesAwaitingReview: AuditEventPage }>(OFFICER_AUDIT, BREAK_GLASS_QUEUE, {
        first: QUEUE_PAGE,
      });
      const queue = answer.breakGlassAccessesAwaitingReview.edges.map((edge) => edge.node);
      saveQueue(queue);
      setEvents(queue);
      setJustifications(await readJustifications());
    });
  }, []);

  const review = async (eventId: string, verdict: 'JUSTIFIED' | 'UNJUSTIFIED') => {
    setDone(null);
    const comment = comments[eventId]?.trim();
    const answer = await run(() =>
      graphql<{ reviewBreakGlassAccess: { verdict: string } }>(OFFICER_AUDIT, REVIEW_BREAK_GLASS, {
        input: { eventId, verdict, ...(comment ? { comment } : {}) },
      }),
    );
    if (!answer) return;
    setEvents((current) => (current ?? []).filter((event) => event.eventId !== eventId));
    setDone(t('reviewDone', { verdict: t(verdict) }));
  };

  return (
    <Layout title={t('breakGlassTitle')} nav={officerNav()} path={path} signedIn={OFFICER_SIGNED_IN}>
      <p>{t('breakGlassIntro')}</p>
      <ErrorNotice error={error} />
      <DoneNotice text={done} />
      {events === null ? (
        <p role="status">{t('loading')}</p>
      ) : events.length === 0 ? (
        <p data-testid="queue-empty">{t('breakGlassNone')}</p>
      ) : (
        <ol class="queue" data-testid="break-glass-queue">
          {events.map((event) => (
            <li key={event.eventId} class="card" data-event-id={event.eventId}>
              <h2>
                {event.organisation ?? event.clientId} · {formatDateTime(event.occurredAt)}
              </h2>
              <p>
                {t('who')}: {event.userId ?? event.clientId} · {t('purposes')}: {event.purposes.join(', ')} ·{' '}
                <Link href={`/officer/events/${encodeURIComponent(event.eventId)}`}>{t('open')}</Link>
              </p>
              <h3>{t('justification')}</h3>
              {justifications ? (
                <blockquote data-testid="justification">{justifications.get(event.eventId) ?? ''}</blockquote>
              ) : (
                <p class="muted">{t('justificationUnavailable')}</p>
              )}
              <label for={`comment-${event.eventId}`}>{t('comment')}</label>
              <textarea
                id={`comment-${event.eventId}`}
                maxLength={2000}
                rows={2}
                value={comments[event.eventId] ?? ''}
                onInput={(input) => setComments({ ...comments, [event.eventId]: input.currentTarget.value })}
              />
              <div class="actions">
                <button type="button" disabled={busy} onClick={() => void review(event.eventId, 'JUSTIFIED')}>
                  {t('markJustified')}
                </button>
                <button type="button" class="danger" disabled={busy} onClick={() => void review(event.eventId, 'UNJUSTIFIED')}>
                  {t('markUnjustified')}
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
