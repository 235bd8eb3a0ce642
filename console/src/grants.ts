import type { Grant } from './auth/session';

/** The officers' console: the trail, under audit:read (realm role security-officer). */
export const OFFICER_AUDIT: Grant = { client: 'officer-console', purpose: 'audit:read' };
/** The regulator's indicators, under statistics:read. */
export const REGULATOR_STATISTICS: Grant = { client: 'officer-console', purpose: 'statistics:read' };
/** The insured person's access history, under audit:read. */
export const PATIENT_HISTORY: Grant = { client: 'patient-portal', purpose: 'audit:read' };
/** The insured person's consent (blocks, masked documents), under records:consent. */
export const PATIENT_CONSENT: Grant = { client: 'patient-portal', purpose: 'records:consent' };
