import { useEffect, useState } from 'preact/hooks';
import { ScrollRegion } from '../../components/scroll-region';
import { graphql } from '../../api/graphql';
import { DoneNotice, ErrorNotice } from '../../components/error-notice';
import { Layout } from '../../components/layout';
import { useAction } from '../../components/use-action';
import { PATIENT_CONSENT, PATIENT_HISTORY } from '../../grants';
import { formatDate, formatDateTime, t, tOr } from '../../i18n/i18n';
import { DocumentsSection } from './documents-section';
import {
  BLOCK_PROVIDER,
  BLOCKABLE_KINDS,
  CONSENT_SETTINGS,
  ME_CONSENT,
  MY_ACCESS_HISTORY,
  UNBLOCK_PROVIDER,
  type AccessEntry,
  type ConsentSettings,
} from './patient-queries';

/** What managing one's consent needs: the person's ref and the capability the registry hands them. */
export interface ConsentKey {
  personRef: string;
  capability: string;
}

/** A purpose in plain words. */
function why(purposes: readonly string[]): string {
  return purposes.map((purpose) => tOr(`purpose.${purpose}`, t('purposeOther'))).join(', ');
}

/**
 * The insured person's page, in plain words: who accessed my data, when and
 * why (emergency accesses flagged), the professionals I blocked (block one
 * from the list of accesses, unblock), and my documents to hide or show.
 */
export function PatientPage({ path }: { path: string }) {
  const [history, setHistory] = useState<AccessEntry[] | null>(null);
  const [key, setKey] = useState<ConsentKey | null>(null);
  const [settings, setSettings] = useState<ConsentSettings | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    void run(async () => {
      const answer = await graphql<{ myAccessHistory: { edges: { node: AccessEntry }[] } }>(PATIENT_HISTORY, MY_ACCESS_HISTORY, {
        first: 100,
      });
      setHistory(answer.myAccessHistory.edges.map((edge) => edge.node));
      const me = await graphql<{ me: ConsentKey & { ref: string; consentCapability: string } }>(PATIENT_CONSENT, ME_CONSENT);
      const consentKey = { personRef: me.me.ref, capability: me.me.consentCapability };
      setKey(consentKey);
      const consent = await graphql<{ consentSettings: ConsentSettings }>(PATIENT_CONSENT, CONSENT_SETTINGS, consentKey);
      setSettings(consent.consentSettings);
    });
  }, []);

  const names = new Map(
    (history ?? []).flatMap((entry) => (entry.organisation ? [[entry.organisation.code, entry.organisation.name] as const] : [])),
  );
  const blocked = new Set(settings?.blockedProviders.map((block) => block.inpe));
  const nameOf = (code: string) => names.get(code) ?? code;

  const change = async (
    mutation: string,
    field: 'blockProvider' | 'unblockProvider',
    inpe: string,
    message: 'blockDone' | 'unblockDone',
  ) => {
    if (!key) return;
    setDone(null);
    const answer = await run(() => graphql<Record<string, ConsentSettings>>(PATIENT_CONSENT, mutation, { ...key, inpe }));
    const next = answer?.[field];
    if (!next) return;
    setSettings(next);
    setDone(t(message, { name: nameOf(inpe) }));
  };

  return (
    <Layout title={t('patientTitle')} path={path} signedIn={{ client: 'patient-portal', purposes: ['audit:read', 'records:consent'] }}>
      <ErrorNotice error={error} />
      <DoneNotice text={done} />
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('historyTitle')}</h2>
        <p>{t('historyIntro')}</p>
        {history === null ? (
          <p role="status">{t('loading')}</p>
        ) : history.length === 0 ? (
          <p>{t('historyNone')}</p>
        ) : (
          <ScrollRegion label={t('historyTitle')}>
            <table data-testid="access-history">
              <thead>
                <tr>
                  <th scope="col">{t('when')}</th>
                  <th scope="col">{t('who')}</th>
                  <th scope="col">{t('why')}</th>
                  <th scope="col">{t('result')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('block')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {history.map((entry) => {
                  const organisation = entry.organisation;
                  const blockable = organisation && BLOCKABLE_KINDS.has(organisation.kind) && !blocked.has(organisation.code) && settings;
                  return (
                    <tr key={entry.eventId} class={entry.breakGlass ? 'row-emergency' : undefined}>
                      <td>{formatDateTime(entry.occurredAt)}</td>
                      <td>{organisation?.name ?? ''}</td>
                      <td>{why(entry.purposes)}</td>
                      <td>
                        {entry.breakGlass ? <strong class="badge badge-break-glass">{t('emergencyFlag')}</strong> : t(entry.decision)}
                      </td>
                      <td>
                        {blockable && (
                          <button
                            type="button"
                            class="secondary"
                            disabled={busy}
                            aria-label={t('blockNamed', { name: organisation.name })}
                            onClick={() => void change(BLOCK_PROVIDER, 'blockProvider', organisation.code, 'blockDone')}
                          >
                            {t('block')}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <section aria-labelledby="blocked-heading">
        <h2 id="blocked-heading">{t('blockedTitle')}</h2>
        <p>{t('blockedIntro')}</p>
        {settings &&
          (settings.blockedProviders.length === 0 ? (
            <p>{t('blockedNone')}</p>
          ) : (
            <ul class="blocked" data-testid="blocked-providers">
              {settings.blockedProviders.map((block) => (
                <li key={block.inpe}>
                  <span>
                    {nameOf(block.inpe)} <span class="muted">{t('blockedSince', { date: formatDate(block.since) })}</span>
                  </span>{' '}
                  <button
                    type="button"
                    class="secondary"
                    disabled={busy}
                    aria-label={t('unblockNamed', { name: nameOf(block.inpe) })}
                    onClick={() => void change(UNBLOCK_PROVIDER, 'unblockProvider', block.inpe, 'unblockDone')}
                  >
                    {t('unblock')}
                  </button>
                </li>
              ))}
            </ul>
          ))}
      </section>
      {key && <DocumentsSection consentKey={key} onSettings={setSettings} />}
    </Layout>
  );
}
