import type { Caller, ServedPerson } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { MAX_PERSON_ORGANISMS, ogSubgraphCaller } from '../datasources/og-subgraph-caller';

const caller: Caller = {
  clientId: 'og-cnss',
  org: 'CNSS',
  orgKind: 'OG',
  purposes: ['beneficiary:read'],
  tokenId: 'jti-1',
  userId: null,
  requestId: 'req-1',
  language: 'en',
  nationalId: 'ZZ000001',
  actsFor: ['ZZP00001'],
};

const persons = (...entries: [string, string[] | undefined][]) =>
  new Map<string, ServedPerson>(entries.map(([ref, organisms]) => [ref, { ref, ...(organisms && { organisms }) }]));

describe("the caller an OG's subgraph is given", () => {
  it.each([
    ['its own member', persons(['r1', ['CNSS']]), { r1: ['CNSS'] }],
    ['a member of two OGs: only that it is its own', persons(['r1', ['CNOPS', 'CNSS']]), { r1: ['CNSS'] }],
    ["another OG's member: nothing", persons(['r1', ['CNOPS']]), {}],
    ['a person the registry did not report: nothing', persons(['r1', undefined]), {}],
    ['no person served', undefined, {}],
  ])('%s', (_case, served, expected) => {
    expect(ogSubgraphCaller(caller, 'CNSS', served).personOrganisms).toEqual(expected);
  });

  it('keeps who asks and leaves out the signed-in national id and the attachments', () => {
    const reduced = ogSubgraphCaller(caller, 'CNSS', undefined);
    expect(reduced).toMatchObject({
      clientId: 'og-cnss',
      org: 'CNSS',
      orgKind: 'OG',
      purposes: ['beneficiary:read'],
      requestId: 'req-1',
      language: 'en',
    });
    expect(reduced.nationalId).toBeUndefined();
    expect(reduced.actsFor).toBeUndefined();
  });

  it(`names at most ${MAX_PERSON_ORGANISMS} persons, so the signed header stays bounded`, () => {
    const many = persons(...Array.from({ length: MAX_PERSON_ORGANISMS + 50 }, (_, i): [string, string[]] => [`r${i}`, ['CNSS']]));
    expect(Object.keys(ogSubgraphCaller(caller, 'CNSS', many).personOrganisms ?? {})).toHaveLength(MAX_PERSON_ORGANISMS);
  });
});
