import type { Grant } from '../auth/session';
import { Layout } from '../components/layout';
import { t } from '../i18n/i18n';

/** What a signed-in user without the space's role sees: a page that says so, not an empty table. */
export function NoRolePage({ role, path, grant }: { role: string; path: string; grant: Grant | undefined }) {
  return (
    <Layout title={t('noRoleTitle')} path={path} signedIn={grant ? { client: grant.client, purposes: [grant.purpose] } : undefined}>
      <p class="notice notice-warning" data-testid="no-role">
        {t('noRoleText', { role })}
      </p>
    </Layout>
  );
}
