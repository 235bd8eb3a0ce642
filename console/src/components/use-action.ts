import { useCallback, useState } from 'preact/hooks';
import { ConsoleError } from '../api/graphql';
import { signIn, SignInRequired } from '../auth/session';
import { t } from '../i18n/i18n';

/**
 * Runs the page's calls to the gateway: an expired session sends the user to
 * sign in and back to this page (what they typed is kept by the page in
 * sessionStorage), any other failure becomes the error to show.
 */
export function useAction(): {
  busy: boolean;
  error: Error | null;
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  clear: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (failure) {
      if (failure instanceof SignInRequired) {
        setError(new ConsoleError('UNAUTHENTICATED', t('errorSession')));
        await signIn(failure.grant, window.location.pathname);
        return undefined;
      }
      setError(failure instanceof ConsoleError ? failure : new ConsoleError('UNEXPECTED', t('errorUnexpected', { code: 'UNEXPECTED' })));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(null) };
}
