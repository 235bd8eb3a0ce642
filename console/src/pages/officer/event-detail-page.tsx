import { Layout } from '../../components/layout';
import { Link } from '../../components/link';
import { formatDateTime, t } from '../../i18n/i18n';
import type { AuditEventView } from './audit-queries';
import { DecisionBadge } from './decision-badge';
import { loadQueue } from './queue-state';
import { OFFICER_SIGNED_IN, officerNav } from './officer-nav';
import { loadSearch } from './search-state';

/** A list of names, or "none". */
function Names({ names, testId }: { names: readonly string[]; testId: string }) {
  if (names.length === 0) return <span data-testid={testId}>{t('none')}</span>;
  return (
    <ul class="names" data-testid={testId}>
      {names.map((name) => (
        <li key={name}>
          <code>{name}</code>
        </li>
      ))}
    </ul>
  );
}

/**
 * One event of the search (or of the review queue): who, when, under which
 * purpose, the fields served and refused, the services called, the decision,
 * and its review; never the data served (the trail does not hold it).
 */
export function EventDetailPage({ path, eventId }: { path: string; eventId: string }) {
  const event: AuditEventView | undefined = [...loadSearch().events, ...loadQueue()].find((candidate) => candidate.eventId === eventId);
  return (
    <Layout title={t('eventTitle')} nav={officerNav()} path={path} signedIn={OFFICER_SIGNED_IN}>
      <p>
        <Link href="/officer">{t('eventBack')}</Link>
      </p>
      {!event ? (
        <p class="notice notice-warning">{t('eventUnknown')}</p>
      ) : (
        <>
          <dl class="detail" data-testid="event-detail">
            <dt>{t('when')}</dt>
            <dd>{formatDateTime(event.occurredAt)}</dd>
            <dt>{t('organisation')}</dt>
            <dd>{event.organisation ?? t('none')}</dd>
            <dt>{t('client')}</dt>
            <dd>
              <code>{event.clientId}</code>
            </dd>
            <dt>{t('user')}</dt>
            <dd>{event.userId ?? t('none')}</dd>
            <dt>{t('purposes')}</dt>
            <dd>{event.purposes.join(', ')}</dd>
            <dt>{t('operation')}</dt>
            <dd>{event.operationName ?? t('none')}</dd>
            <dt>{t('decision')}</dt>
            <dd>
              <DecisionBadge decision={event.decision} /> <span class="muted">{event.outcome}</span>
            </dd>
            <dt>{t('fieldsServed')}</dt>
            <dd>
              <Names names={event.fieldPaths} testId="fields-served" />
            </dd>
            <dt>{t('fieldsRefused')}</dt>
            <dd>
              <Names names={event.refusedFieldPaths} testId="fields-refused" />
            </dd>
            <dt>{t('subgraphs')}</dt>
            <dd>
              <Names names={event.subgraphs} testId="subgraphs" />
            </dd>
            <dt>{t('stage')}</dt>
            <dd>{event.stage}</dd>
            <dt>{t('eventId')}</dt>
            <dd>
              <code>{event.eventId}</code>
            </dd>
            {event.review && (
              <>
                <dt>{t('review')}</dt>
                <dd>
                  {t('reviewedBy', {
                    reviewer: event.review.reviewer,
                    date: formatDateTime(event.review.reviewedAt),
                    verdict: t(event.review.verdict),
                  })}
                </dd>
              </>
            )}
          </dl>
          <p class="muted">{t('noDataNote')}</p>
        </>
      )}
    </Layout>
  );
}
