import { describe, expect, it } from 'vitest';
import type { GmrVersionFact } from './gmr-facts';
import { guideCopyStatus } from './guide-freshness';
import { checkEffectiveDate, checkRollback, closedUntil, guideVersionId, latestVersion, type RollbackCandidate } from './guide-versions';

// The seeded versions (nine versions were published in 2022: seeds/001_225b0d72771d4c3f.txt:L443).
const V2025_10: GmrVersionFact = { code: 'GMR-2025-10', validFrom: '2025-10-01', validUntil: '2025-12-31' };
const V2026_01: GmrVersionFact = { code: 'GMR-2026-01', validFrom: '2026-01-01', validUntil: '2026-02-28' };
const V2026_03: GmrVersionFact = { code: 'GMR-2026-03', validFrom: '2026-03-01', validUntil: null };
const SEEDED = [V2026_03, V2025_10, V2026_01];

describe('versions of the guide', () => {
  it('names a version after its effective date', () => {
    expect(guideVersionId('2026-06-01')).toBe('GMR-2026-06-01');
  });

  it('finds the latest version by effective date, whatever the order', () => {
    expect(latestVersion(SEEDED)?.code).toBe('GMR-2026-03');
    expect(latestVersion([])).toBeNull();
  });

  it.each<[string, GmrVersionFact[], string, string | null, string | null]>([
    ['after the latest: accepted, following it', SEEDED, '2026-06-01', null, 'GMR-2026-03'],
    ['the day after the latest: accepted', SEEDED, '2026-03-02', null, 'GMR-2026-03'],
    ['the latest version day: refused', SEEDED, '2026-03-01', 'GMR-2026-03', null],
    ['before the latest: refused', SEEDED, '2026-02-01', 'GMR-2026-03', null],
    ['long before every version: refused', SEEDED, '2020-01-01', 'GMR-2026-03', null],
    ['the first version of an empty guide: accepted', [], '2026-06-01', null, null],
  ])('effective date %s', (_label, versions, date, refusedFor, follows) => {
    const verdict = checkEffectiveDate(versions, date);
    if (refusedFor) {
      expect(verdict).toEqual({ accepted: false, latest: versions.find((v) => v.code === refusedFor) });
    } else {
      expect(verdict.accepted).toBe(true);
      expect(verdict.accepted && verdict.previous?.code).toBe(follows ?? undefined);
    }
  });

  it.each<[string, GmrVersionFact, string, string | null]>([
    ['an open version closes the day before', V2026_03, '2026-06-01', '2026-05-31'],
    ['across a year end', V2026_03, '2027-01-01', '2026-12-31'],
    ['a version ending later closes the day before', { ...V2026_03, validUntil: '2026-12-31' }, '2026-06-01', '2026-05-31'],
    ['a version already ended earlier keeps its end', { ...V2026_03, validUntil: '2026-04-30' }, '2026-06-01', '2026-04-30'],
  ])('closedUntil: %s', (_label, previous, date, until) => {
    expect(closedUntil(previous, date)).toBe(until);
  });
});

describe('checkRollback: the latest imported version only, newest first', () => {
  const imported: RollbackCandidate = { code: 'GMR-2026-06-01', validFrom: '2026-06-01', validUntil: null, imported: true };
  const seeded = SEEDED.map((version) => ({ ...version, validUntil: version.validUntil ?? '2026-05-31', imported: false }));
  const withImport = [...seeded, imported];

  it.each<[string, RollbackCandidate[], string | null, string]>([
    ['the latest, imported, by id', withImport, 'GMR-2026-06-01', 'allowed'],
    ['the latest, imported, without id', withImport, null, 'allowed'],
    ['an earlier version', withImport, 'GMR-2026-03', 'NOT_LATEST'],
    ['an unknown version', withImport, 'GMR-2030-01-01', 'NOT_FOUND'],
    ['a latest version not loaded by an import', seeded, 'GMR-2026-03', 'NOT_IMPORTED'],
    ['nothing to roll back', [], null, 'NOT_FOUND'],
  ])('%s', (_label, versions, versionId, expected) => {
    const verdict = checkRollback(versions, versionId);
    expect(verdict.allowed ? 'allowed' : verdict.reason).toBe(expected);
    if (verdict.allowed) expect(verdict.version.code).toBe('GMR-2026-06-01');
    if (!verdict.allowed && verdict.reason === 'NOT_LATEST') expect(verdict.latest.code).toBe('GMR-2026-06-01');
  });
});

describe('guideCopyStatus: freshness of the GMR copy on /readyz', () => {
  it.each<[string, GmrVersionFact[], string, Partial<ReturnType<typeof guideCopyStatus>>]>([
    ['a version that took effect today', SEEDED, '2026-03-01', { version: 'GMR-2026-03', asOf: '2026-03-01', ageDays: 0, stale: false }],
    ['120 days old: still fresh', SEEDED, '2026-06-29', { version: 'GMR-2026-03', ageDays: 120, stale: false }],
    ['121 days old: stale', SEEDED, '2026-06-30', { version: 'GMR-2026-03', ageDays: 121, stale: true }],
    [
      'an earlier version in force on an earlier day',
      SEEDED,
      '2026-01-15',
      { version: 'GMR-2026-01', asOf: '2026-01-01', ageDays: 14, stale: false },
    ],
    ['no version in force: stale', SEEDED, '2025-01-01', { version: null, asOf: null, ageDays: null, stale: true }],
  ])('%s', (_label, versions, today, expected) => {
    expect(guideCopyStatus(versions, today, 120)).toMatchObject({ copy: 'gmr', maxAge: '120 days', ...expected });
  });
});
