import { describe, expect, it } from 'vitest';
import { mayHavePathwayProof } from './pathway-reader';

const TODAY = '2026-12-04';
/** A person who left CNOPS for CNSS, and whose AMO-X rights open next year (synthetic). */
const affiliations = [
  { organism: 'CNOPS', status: 'CLOSED', validFrom: '2011-09-01', validUntil: '2026-02-27' },
  { organism: 'CNSS', status: 'ACTIVE', validFrom: '2026-02-28', validUntil: null },
  { organism: 'AMO-X', status: 'ACTIVE', validFrom: '2027-01-01', validUntil: null },
  { organism: 'CNAMO', status: 'SUSPENDED', validFrom: '2020-01-01', validUntil: '2026-12-31' },
];

describe("who gets the proof to read a person's care pathway", () => {
  it.each([
    ['the insurer covering the person today', 'CNSS', true],
    ['an insurer whose rights are suspended today, still covering', 'CNAMO', true],
    ['a former insurer', 'CNOPS', false],
    ['an insurer whose rights open later', 'AMO-X', false],
    ['an insurer the person never had', 'CMIM', false],
    ['any caller that is not an insurer', null, true],
  ])('%s: %s', (_case, organism, expected) => {
    expect(mayHavePathwayProof(organism, affiliations, TODAY)).toBe(expected);
  });
});
