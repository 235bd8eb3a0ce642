import type { Caller } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { addresseeOf, mayRecordPathwayFor, ownsPathwayRecord } from './write-scope';

const P01 = '8a4f8c1e-0000-4000-8000-000000000001';
const P05 = '8a4f8c1e-0000-4000-8000-000000000005';
const ALONE = '8a4f8c1e-0000-4000-8000-000000000099';
const FACTS: Caller['personOrganisms'] = { [P01]: ['CNSS'], [P05]: ['CNOPS', 'CNSS'], [ALONE]: [] };
const og = (org: string, personOrganisms: Caller['personOrganisms'] = FACTS) => ({ org, orgKind: 'OG', personOrganisms });

describe('an OG records the care pathway of its own members only (R8-R11, architecture.md owned writes)', () => {
  it.each([
    { name: 'CNSS for its member', writer: og('CNSS'), ref: P01, allowed: true },
    { name: 'CNOPS for a CNSS member', writer: og('CNOPS'), ref: P01, allowed: false },
    { name: 'either OG for a double registration (R4: both cover the person)', writer: og('CNOPS'), ref: P05, allowed: true },
    { name: 'a person covered by nobody', writer: og('CNSS'), ref: ALONE, allowed: false },
    { name: 'a ref the registry does not know', writer: og('CNSS'), ref: '8a4f8c1e-0000-4000-8000-0000000000ff', allowed: false },
    { name: 'a call without the gateway facts', writer: { ...og('CNSS'), personOrganisms: undefined }, ref: P01, allowed: false },
    { name: 'an inherited key is no ref', writer: og('CNSS'), ref: 'constructor', allowed: false },
    { name: 'an establishment', writer: { org: 'ZZP00004', orgKind: 'ESTABLISHMENT', personOrganisms: FACTS }, ref: P01, allowed: false },
    { name: 'an OG without org', writer: { org: null, orgKind: 'OG', personOrganisms: FACTS }, ref: P01, allowed: false },
  ])('$name', ({ writer, ref, allowed }) => {
    expect(mayRecordPathwayFor(writer, ref)).toBe(allowed);
  });
});

describe('an OG changes only the pathway records it recorded (architecture.md owned writes)', () => {
  it.each([
    { name: 'its own record', organism: 'CNSS', recordedBy: 'CNSS', covering: ['CNOPS', 'CNSS'], allowed: true },
    {
      name: "another OG's record (a double registration too)",
      organism: 'CNSS',
      recordedBy: 'CNOPS',
      covering: ['CNOPS', 'CNSS'],
      allowed: false,
    },
    {
      name: 'a record loaded before writes existed, the writer alone covering the person',
      organism: 'CNSS',
      recordedBy: null,
      covering: ['CNSS'],
      allowed: true,
    },
    {
      name: 'a record loaded before writes existed, several OGs covering the person',
      organism: 'CNSS',
      recordedBy: null,
      covering: ['CNOPS', 'CNSS'],
      allowed: false,
    },
    { name: 'a writer without org', organism: '', recordedBy: '', covering: [], allowed: false },
  ])('$name', ({ organism, recordedBy, covering, allowed }) => {
    expect(ownsPathwayRecord(organism, recordedBy, covering)).toBe(allowed);
  });
});

describe("a prior approval request goes to the person's one OG (R11 with R4)", () => {
  const hospital = (personOrganisms: Caller['personOrganisms'] = FACTS) => ({ org: 'ZZP00004', orgKind: 'ESTABLISHMENT', personOrganisms });
  it.each([
    { name: 'one OG', writer: hospital(), ref: P01, expected: { organism: 'CNSS' } },
    { name: 'two OGs: a double registration', writer: hospital(), ref: P05, expected: { refused: 'PRIOR_APPROVAL_DOUBLE_REGISTRATION' } },
    { name: 'no OG', writer: hospital(), ref: ALONE, expected: { refused: 'PRIOR_APPROVAL_NO_INSURER' } },
    { name: 'unknown to the registry', writer: hospital(), ref: 'x', expected: { refused: 'PRIOR_APPROVAL_NO_INSURER' } },
    {
      name: 'no gateway facts',
      writer: { ...hospital(), personOrganisms: undefined },
      ref: P01,
      expected: { refused: 'PRIOR_APPROVAL_NO_INSURER' },
    },
    { name: 'the same OG twice is one', writer: hospital({ [P01]: ['CNSS', 'CNSS'] }), ref: P01, expected: { organism: 'CNSS' } },
  ])('$name', ({ writer, ref, expected }) => {
    expect(addresseeOf(writer, ref)).toEqual(expected);
  });
});
