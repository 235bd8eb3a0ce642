import { useEffect, useState } from 'preact/hooks';
import { completeSignIn } from '../auth/session';
import { Layout } from '../components/layout';
import { Link } from '../components/link';
import { t } from '../i18n/i18n';
import { navigate } from '../router';

/** Where the identity provider sends the browser back: the code is exchanged (PKCE) and the user goes where they were. */
export function CallbackPage({ path }: { path: string }) {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    completeSignIn().then(
      (returnTo) => navigate(returnTo, true),
      () => setFailed(true),
    );
  }, []);
  return (
    <Layout title={failed ? t('errorSignIn') : t('signingIn')} path={path}>
      {failed ? (
        <p role="alert">
          <Link href="/">{t('home')}</Link>
        </p>
      ) : (
        <p role="status">{t('signingIn')}</p>
      )}
    </Layout>
  );
}
