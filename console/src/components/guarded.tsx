import type { ComponentChildren } from 'preact';
import type { Grant } from '../auth/session';
import { t } from '../i18n/i18n';
import { NoRolePage } from '../pages/no-role-page';
import { useGrants } from './use-grant';

/** Renders its children once the user holds every grant; sends them to sign in, or says which role they lack. */
export function Guarded({
  grants,
  probe,
  role,
  path,
  children,
}: {
  grants: readonly Grant[];
  /** A call that reads nothing personal and that the gateway refuses to a user without the role. */
  probe?: () => Promise<unknown>;
  role: string;
  path: string;
  children: ComponentChildren;
}) {
  const state = useGrants(grants, probe);
  if (state === 'no-role') return <NoRolePage role={role} path={path} grant={grants[0]} />;
  if (state !== 'ready')
    return (
      <p class="pending" role="status">
        {state === 'redirecting' ? t('redirectingToSignIn') : t('loading')}
      </p>
    );
  return <>{children}</>;
}
