import { describe, expect, it } from 'vitest';
import { mayAddPointer, type PointerCareFacts } from './pointer-care';

/** A pointer is added to a person's record only within a care relationship the person did not block (`pointer-care.ts`). */
const TODAY = '2026-03-02';
const DAYS = 30;
const PERSON = 'aaaaaaaa-0000-4000-8000-000000000001';
const OTHER = 'bbbbbbbb-0000-4000-8000-000000000002';
const CLINIC = 'ZZP00010';
const DOCTOR = 'ZZP00001';

function facts(change: Partial<PointerCareFacts> = {}): PointerCareFacts {
  return {
    writer: { org: CLINIC, careRelationships: { [PERSON]: '2026-02-20' } },
    personRef: PERSON,
    authorInpe: DOCTOR,
    custodianInpe: CLINIC,
    blockedInpes: new Set(),
    today: TODAY,
    ...change,
  };
}

describe('mayAddPointer', () => {
  it.each<[string, Partial<PointerCareFacts>, boolean]>([
    ["within the writer's care relationship", {}, true],
    ['a check made today', { writer: { org: CLINIC, careRelationships: { [PERSON]: TODAY } } }, true],
    ['a check on the last day of the window', { writer: { org: CLINIC, careRelationships: { [PERSON]: '2026-01-31' } } }, true],
    ['a check older than the window', { writer: { org: CLINIC, careRelationships: { [PERSON]: '2026-01-30' } } }, false],
    ['another person: the relationship is with someone else', { personRef: OTHER }, false],
    ['an unknown person: the registry named nobody', { writer: { org: CLINIC, careRelationships: {} } }, false],
    ['no facts from the registry at all (fail closed)', { writer: { org: CLINIC } }, false],
    ['a day that is not a date', { writer: { org: CLINIC, careRelationships: { [PERSON]: 'yesterday' } } }, false],
    ['a writer without an organisation', { writer: { org: null, careRelationships: { [PERSON]: TODAY } } }, false],
    ['a ref named like a prototype key', { personRef: '__proto__', writer: { org: CLINIC, careRelationships: {} } }, false],
    ['the person blocked the writer', { blockedInpes: new Set([CLINIC]) }, false],
    ['the person blocked the author', { blockedInpes: new Set([DOCTOR]) }, false],
    [
      'the person blocked the custodian the writer names',
      { writer: { org: DOCTOR, careRelationships: { [PERSON]: TODAY } }, authorInpe: DOCTOR, blockedInpes: new Set([CLINIC]) },
      false,
    ],
    ['the person blocked another provider only', { blockedInpes: new Set(['ZZP00004']) }, true],
  ])('%s → %s', (_case, change, expected) => {
    expect(mayAddPointer(facts(change), DAYS)).toBe(expected);
  });
});
