/**
 * The three GMR versions of the synthetic dataset: two closed, one open.
 * ANAM published 9 versions in 2022 (seeds/001_225b0d72771d4c3f.txt:L443);
 * three are enough to exercise a version change, a withdrawal and a price
 * revision. Synthetic dates, not real ANAM publications.
 */

/** Codes of the seeded versions, oldest first. */
export type SeedGmrVersionCode = 'GMR-2025-10' | 'GMR-2026-01' | 'GMR-2026-03';

/** One seeded version and its period. */
export interface SeedGmrVersion {
  code: SeedGmrVersionCode;
  publishedOn: string;
  validFrom: string;
  validUntil: string | null;
}

/** The seeded versions, oldest first; the last one is open. */
export const SEED_GMR_VERSIONS: readonly SeedGmrVersion[] = [
  { code: 'GMR-2025-10', publishedOn: '2025-09-15', validFrom: '2025-10-01', validUntil: '2025-12-31' },
  { code: 'GMR-2026-01', publishedOn: '2025-12-15', validFrom: '2026-01-01', validUntil: '2026-02-28' },
  { code: 'GMR-2026-03', publishedOn: '2026-02-16', validFrom: '2026-03-01', validUntil: null },
];
