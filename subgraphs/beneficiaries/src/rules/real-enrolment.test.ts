import { describe, expect, it } from 'vitest';
import { mayDeclareRow, type DeclaredRow } from './real-enrolment';

const TODAY = '2026-03-02';
const CLOSED_HISTORY: DeclaredRow = { status: 'CLOSED', validFrom: '2001-01-01', validUntil: '2002-12-31' };
const BACKDATED_ACTIVE: DeclaredRow = { status: 'ACTIVE', validFrom: '2005-01-01', validUntil: '2005-12-31' };
const OPENS_TODAY: DeclaredRow = { status: 'ACTIVE', validFrom: TODAY, validUntil: null };

/** An OG gains sight of another OG's member only by a real enrolment (architecture.md, access rules). */
describe('mayDeclareRow', () => {
  it.each<[string, string, string[], DeclaredRow, boolean]>([
    ['closed history of a person new to the registry (migrated)', 'CNOPS', [], CLOSED_HISTORY, true],
    ['backdated active history of a person new to the registry', 'CNOPS', [], BACKDATED_ACTIVE, true],
    ['its own member, closed', 'CNSS', ['CNSS'], CLOSED_HISTORY, true],
    ['its own member, backdated', 'CNSS', ['CNSS'], BACKDATED_ACTIVE, true],
    ['its former member, now elsewhere', 'CNSS', ['CNOPS', 'CNSS'], CLOSED_HISTORY, true],
    ["another OG's member it never covered, closed", 'CNOPS', ['CNSS'], CLOSED_HISTORY, false],
    ["another OG's former member it never covered, closed", 'CNOPS', ['CNSS', 'CNSS'], CLOSED_HISTORY, false],
    ["another OG's member, a backdated active row", 'CNSS', ['CNOPS'], BACKDATED_ACTIVE, false],
    ["another OG's member, a backdated suspended row", 'CNSS', ['CNOPS'], { ...BACKDATED_ACTIVE, status: 'SUSPENDED' }, false],
    ["another OG's member, rights opening tomorrow (filed ahead)", 'CNSS', ['CNOPS'], { ...OPENS_TODAY, validFrom: '2026-03-03' }, true],
    ["another OG's member, rights opening in 31 days", 'CNSS', ['CNOPS'], { ...OPENS_TODAY, validFrom: '2026-04-02' }, true],
    ["another OG's member, rights opening in 32 days", 'CNSS', ['CNOPS'], { ...OPENS_TODAY, validFrom: '2026-04-03' }, false],
    [
      "another OG's member, a closed row opening tomorrow",
      'CNSS',
      ['CNOPS'],
      { ...OPENS_TODAY, status: 'CLOSED', validFrom: '2026-03-03' },
      false,
    ],
    [
      "another OG's member, rights ended yesterday",
      'CNSS',
      ['CNOPS'],
      { status: 'ACTIVE', validFrom: '2026-01-01', validUntil: '2026-03-01' },
      false,
    ],
    ["another OG's member, a closed row over today", 'CNSS', ['CNOPS'], { ...OPENS_TODAY, status: 'CLOSED' }, false],
    ["another OG's former member, an enrolment opening today", 'CNOPS', ['CNSS'], OPENS_TODAY, true],
    [
      "another OG's former member, an enrolment ending today",
      'CNOPS',
      ['CNSS'],
      { status: 'ACTIVE', validFrom: '2026-01-01', validUntil: TODAY },
      true,
    ],
    ["another OG's former member, a suspended enrolment over today", 'CNOPS', ['CNSS'], { ...OPENS_TODAY, status: 'SUSPENDED' }, true],
  ])('%s → %s', (_case, organism, heldBy, row, expected) => {
    expect(mayDeclareRow(organism, heldBy, row, TODAY)).toBe(expected);
  });
});
