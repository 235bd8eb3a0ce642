import { t } from '../i18n/i18n';

/** An error shown in the user's language, read out at once by screen readers. */
export function ErrorNotice({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <p class="notice notice-error" role="alert">
      {error.message || t('errorUnexpected', { code: 'UNKNOWN' })}
    </p>
  );
}

/** A confirmation, read out politely. */
export function DoneNotice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p class="notice notice-done" role="status">
      {text}
    </p>
  );
}
