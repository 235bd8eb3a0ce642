import type { NavEntry } from '../../components/layout';
import { t } from '../../i18n/i18n';

/** The officers' console's navigation. */
export function officerNav(): NavEntry[] {
  return [
    { href: '/officer', label: t('navSearch') },
    { href: '/officer/anomalies', label: t('navAnomalies') },
    { href: '/officer/break-glass', label: t('navBreakGlass') },
  ];
}

/** What the officers' console signs out of. */
export const OFFICER_SIGNED_IN = { client: 'officer-console', purposes: ['audit:read'] } as const;
