import { describe, expect, it } from 'vitest';
import { confinedOrganism, mayWriteFor, visibleAffiliations } from './organism-scope';

const AFFILIATIONS = [{ organism: 'CNSS' }, { organism: 'CNOPS' }];

describe('an OG sees and writes only its own organism', () => {
  it.each<[string, { org: string | null; orgKind: string | null }, string | null]>([
    ['CNSS', { org: 'CNSS', orgKind: 'OG' }, 'CNSS'],
    ['CNOPS', { org: 'CNOPS', orgKind: 'OG' }, 'CNOPS'],
    ['an OG token without org', { org: null, orgKind: 'OG' }, ''],
    ['ANAM', { org: 'ANAM', orgKind: 'REGULATOR' }, null],
  ])('%s', (_label, caller, organism) => {
    expect(confinedOrganism(caller)).toBe(organism);
  });

  it('filters affiliations to the confined organism', () => {
    expect(visibleAffiliations(AFFILIATIONS, 'CNSS')).toEqual([{ organism: 'CNSS' }]);
    expect(visibleAffiliations(AFFILIATIONS, '')).toEqual([]);
    expect(visibleAffiliations(AFFILIATIONS, null)).toEqual(AFFILIATIONS);
  });

  it.each<[{ org: string | null; orgKind: string | null }, string, boolean]>([
    [{ org: 'CNSS', orgKind: 'OG' }, 'CNSS', true],
    [{ org: 'CNSS', orgKind: 'OG' }, 'CNOPS', false],
    // SECURITY.md: ANAM never writes affiliations, whatever its token holds.
    [{ org: 'ANAM', orgKind: 'REGULATOR' }, 'CNOPS', false],
    [{ org: 'ANAM', orgKind: 'REGULATOR' }, 'ANAM', false],
    [{ org: null, orgKind: 'OG' }, '', false],
    [{ org: 'ZZP00004', orgKind: 'ESTABLISHMENT' }, 'CNSS', false],
  ])('%o writes for %s: %s', (caller, organism, allowed) => {
    expect(mayWriteFor(caller, organism)).toBe(allowed);
  });
});
