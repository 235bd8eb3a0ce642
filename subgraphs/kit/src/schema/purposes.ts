// No import: the web consoles bundle this list as it is (console/src/pages/officer/audit-queries.ts).

/**
 * Purposes a client may act under. Each is an OAuth scope of the realm: a
 * token carries the purpose it was issued for (law 09-08 purpose limitation).
 */
export const PURPOSES = [
  'eligibility:check',
  'beneficiary:read',
  'beneficiary:write',
  'provider:read',
  'medicine:read',
  'pathway:read',
  'pathway:write',
  'pathway:request',
  'records:read',
  'records:write',
  'records:break-glass',
  'records:consent',
  'audit:read',
  'registry:publish',
  'reference:import',
  'statistics:read',
] as const;

/** One purpose of {@link PURPOSES}. */
export type Purpose = (typeof PURPOSES)[number];
