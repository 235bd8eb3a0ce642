import { useEffect, useState } from 'preact/hooks';
import { ScrollRegion } from '../../components/scroll-region';
import { ConsoleError, graphql } from '../../api/graphql';
import { ErrorNotice } from '../../components/error-notice';
import { useAction } from '../../components/use-action';
import { PATIENT_CONSENT } from '../../grants';
import { formatDate, language, t } from '../../i18n/i18n';
import type { ConsentKey } from './patient-page';
import {
  DOCUMENT_KINDS,
  DOCUMENTS_SHOWN,
  MASK_DOCUMENT,
  MY_DOCUMENTS,
  UNMASK_DOCUMENT,
  type ConsentSettings,
  type DocumentKind,
  type RecordDocument,
} from './patient-queries';

/** The kinds of documents by code, or an empty map when the graph does not name them to this user. */
async function readKinds(): Promise<Map<string, DocumentKind>> {
  try {
    const answer = await graphql<{ documentTypes: DocumentKind[] }>(PATIENT_CONSENT, DOCUMENT_KINDS);
    return new Map(answer.documentTypes.map((kind) => [kind.code, kind]));
  } catch (error) {
    if (error instanceof ConsoleError) return new Map();
    throw error;
  }
}

/** The person's documents, each with its title, kind, day of care and author, to hide from every reader or show again. */
export function DocumentsSection({ consentKey, onSettings }: { consentKey: ConsentKey; onSettings: (settings: ConsentSettings) => void }) {
  const [documents, setDocuments] = useState<RecordDocument[] | null>(null);
  const [kinds, setKinds] = useState<Map<string, DocumentKind>>(new Map());
  const { busy, error, run } = useAction();

  useEffect(() => {
    void run(async () => {
      const answer = await graphql<{ me: { documents: { edges: { node: RecordDocument }[] } } | null }>(PATIENT_CONSENT, MY_DOCUMENTS, {
        first: DOCUMENTS_SHOWN,
      });
      setDocuments(answer.me?.documents.edges.map((edge) => edge.node) ?? []);
      setKinds(await readKinds());
    });
  }, []);

  const kindOf = (code: string) => {
    const kind = kinds.get(code);
    if (!kind) return code;
    return language() === 'en' ? kind.labelEn : kind.label;
  };

  const toggle = async (document: RecordDocument) => {
    const mutation = document.masked ? UNMASK_DOCUMENT : MASK_DOCUMENT;
    const answer = await run(() => graphql<Record<string, ConsentSettings>>(PATIENT_CONSENT, mutation, { ...consentKey, id: document.id }));
    const settings = answer?.[document.masked ? 'unmaskDocument' : 'maskDocument'];
    if (!settings) return;
    onSettings(settings);
    const masked = new Set(settings.maskedDocuments);
    setDocuments((current) => (current ?? []).map((entry) => ({ ...entry, masked: masked.has(entry.id) })));
  };

  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">{t('documentsTitle')}</h2>
      <p>{t('documentsIntro')}</p>
      <ErrorNotice error={error} />
      {documents === null ? null : documents.length === 0 ? (
        <p>{t('documentsNone')}</p>
      ) : (
        <ScrollRegion label={t('documentsTitle')}>
          <table data-testid="documents">
            <thead>
              <tr>
                <th scope="col">{t('documentTitle')}</th>
                <th scope="col">{t('documentType')}</th>
                <th scope="col">{t('documentDate')}</th>
                <th scope="col">{t('documentAuthor')}</th>
                <th scope="col">{t('result')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('hide')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {documents.map((document) => (
                <tr key={document.id}>
                  <td>{document.title}</td>
                  <td>{kindOf(document.type)}</td>
                  <td>{formatDate(`${document.serviceDate}T12:00:00Z`)}</td>
                  <td>{document.author?.name ?? ''}</td>
                  <td>{document.masked ? t('documentHidden') : t('documentShown')}</td>
                  <td>
                    <button
                      type="button"
                      class="secondary"
                      disabled={busy}
                      aria-label={t(document.masked ? 'unhideNamed' : 'hideNamed', { name: document.title })}
                      onClick={() => void toggle(document)}
                    >
                      {document.masked ? t('unhide') : t('hide')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
