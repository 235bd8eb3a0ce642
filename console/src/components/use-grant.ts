import { useEffect, useState } from 'preact/hooks';
import { ConsoleError } from '../api/graphql';
import { grantedPurpose, signIn, SignInRequired, userOf, type Grant } from '../auth/session';

/** Where a page stands with its grant: checking, on its way to sign in, signed in without the role, or ready. */
export type GrantState = 'checking' | 'redirecting' | 'no-role' | 'ready';

/**
 * Makes sure the user holds a token of each grant: without one (or an
 * expired one) the browser goes to sign in and comes back to this page; a
 * token without the purpose (the user lacks the role) gives `no-role`, and so
 * does a `probe` (a call that reads nothing personal) the gateway refuses
 * with FORBIDDEN: the gateway, not the page, says who may use the space.
 */
export function useGrants(grants: readonly Grant[], probe?: () => Promise<unknown>): GrantState {
  const [state, setState] = useState<GrantState>('checking');
  const key = grants.map((grant) => `${grant.client} ${grant.purpose}`).join(',');
  useEffect(() => {
    let live = true;
    void (async () => {
      for (const grant of grants) {
        const user = await userOf(grant);
        if (!user) {
          if (live) setState('redirecting');
          await signIn(grant, window.location.pathname);
          return;
        }
        if (!grantedPurpose(user, grant.purpose)) {
          if (live) setState('no-role');
          return;
        }
      }
      if (probe) {
        try {
          await probe();
        } catch (error) {
          if (error instanceof SignInRequired) {
            if (live) setState('redirecting');
            await signIn(error.grant, window.location.pathname);
            return;
          }
          // Any other failure is the page's to show; only a refusal means the role is missing.
          if (error instanceof ConsoleError && error.code === 'FORBIDDEN') {
            if (live) setState('no-role');
            return;
          }
        }
      }
      if (live) setState('ready');
    })();
    return () => {
      live = false;
    };
    // The grants are compared by their key.
  }, [key]);
  return state;
}
