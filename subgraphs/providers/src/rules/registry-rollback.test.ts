import { describe, expect, it } from 'vitest';
import { rollbackVerdict, type VersionState } from './registry-rollback';

const seeded: VersionState = { id: 'INPE-2026-02-27', status: 'CURRENT', fileSha256: null };
const loaded: VersionState = { id: 'INPE-2026-03-06', status: 'CURRENT', fileSha256: 'a'.repeat(64) };
const rolledBack: VersionState = { ...loaded, status: 'ROLLED_BACK' };

describe('rollbackVerdict', () => {
  it.each([
    {
      why: 'the version in force, loaded from a file, with a previous one',
      target: loaded,
      inForce: loaded,
      previous: seeded,
      expected: { action: 'ROLL_BACK' },
    },
    {
      why: 'an unknown version',
      target: null,
      inForce: loaded,
      previous: seeded,
      expected: { action: 'REFUSE', reason: 'IMPORT_VERSION_NOT_FOUND' },
    },
    {
      why: 'a version already rolled back',
      target: rolledBack,
      inForce: seeded,
      previous: null,
      expected: { action: 'ALREADY_ROLLED_BACK' },
    },
    {
      why: 'an older version',
      target: seeded,
      inForce: loaded,
      previous: seeded,
      expected: { action: 'REFUSE', reason: 'IMPORT_ROLLBACK_NOT_IN_FORCE' },
    },
    {
      why: 'the first version',
      target: loaded,
      inForce: loaded,
      previous: null,
      expected: { action: 'REFUSE', reason: 'IMPORT_ROLLBACK_NO_PREVIOUS' },
    },
    {
      why: 'a seeded version (no diff kept)',
      target: seeded,
      inForce: seeded,
      previous: { ...seeded, id: 'INPE-2026-02-20' },
      expected: { action: 'REFUSE', reason: 'IMPORT_ROLLBACK_NO_PREVIOUS' },
    },
  ])('$why', ({ target, inForce, previous, expected }) => {
    expect(rollbackVerdict(target, inForce, previous)).toEqual(expected);
  });
});
