import { describe, expect, it } from 'vitest';
import { foreignTypeProblems, typesDeclaredSince, type MemberSubgraph } from './foreign-types';

const national: MemberSubgraph = {
  name: 'beneficiaries',
  owner: 'ANAM',
  createdAt: '2026-01-01T00:00:00.000Z',
  typesSince: new Map(),
  sdl: `
    type Query { person(nationalId: String!): Person @scopes(anyOf: ["beneficiary:read"], sensitivity: IDENTITY) }
    type Person @key(fields: "ref") { ref: ID!, nationalId: String! @scopes(anyOf: ["beneficiary:read"], sensitivity: IDENTITY), readerProof: String @inaccessible }
    type Coverage @shareable { organism: String! }
    enum CareType { CONSULTATION PHARMACY }
    enum Sensitivity { IDENTITY COVERAGE HEALTH PROFESSIONAL }
    scalar Date
  `,
};
const granted = new Set(['beneficiary:read', 'pathway:read', 'registry:publish']);

/** The problems of a CNSS subgraph declaring these types beside the national one. */
function problemsOf(types: string): string[] {
  const candidate: MemberSubgraph = {
    name: 'cnss-claims',
    owner: 'CNSS',
    createdAt: '2026-06-01T00:00:00.000Z',
    typesSince: new Map(),
    sdl: types,
  };
  return foreignTypeProblems(candidate, [national, candidate], granted, 'ANAM').map(
    (p) => `${p.check} ${p.type}${p.field ? `.${p.field}` : ''}`,
  );
}

describe("what a subgraph may do with another organisation's types", () => {
  it.each([
    [
      'a field added to Person under a purpose the realm grants, and its own types and root fields',
      `type Query { cnssClaimFile(number: String!): ClaimFile @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE) }
       type Person @key(fields: "ref") { ref: ID!, cnssClaimFiles: [ClaimFile!]! @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE), cnssFileCount: Int @inaccessible @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE) }
       type ClaimFile @key(fields: "id") { id: ID!, internalNote: String @inaccessible }
       enum CareType { CONSULTATION PHARMACY }
       enum Sensitivity { IDENTITY COVERAGE HEALTH PROFESSIONAL }
       scalar Date`,
    ],
  ])('accepts %s', (_case, sdl) => {
    expect(problemsOf(sdl)).toEqual([]);
  });

  it.each([
    [
      'a national field redeclared',
      `type Person @key(fields: "ref") { ref: ID!, nationalId: String! @shareable }`,
      ['FOREIGN_TYPE Person.nationalId'],
    ],
    ['a national root field redeclared', `type Query { person(nationalId: String!): Person @shareable }`, ['FOREIGN_TYPE Query.person']],
    [
      'a national field taken as @external for @requires',
      `type Person @key(fields: "ref") { ref: ID!, nationalId: String! @external, leak: String @requires(fields: "nationalId") @scopes(anyOf: ["beneficiary:read"], sensitivity: IDENTITY) }`,
      ['FOREIGN_TYPE Person.nationalId'],
    ],
    [
      'an internal national field taken as @external',
      `type Person @key(fields: "ref") { ref: ID!, readerProof: String @external }`,
      ['FOREIGN_TYPE Person.readerProof'],
    ],
    [
      'a field added under a purpose the realm does not grant',
      `type Person @key(fields: "ref") { ref: ID!, records: [String!]! @scopes(anyOf: ["records:read"], sensitivity: HEALTH) }`,
      ['REALM_PURPOSE Person.records'],
    ],
    [
      'a field added as @public',
      `type Person @key(fields: "ref") { ref: ID!, hasFile: Boolean! @public(reason: "a flag") }`,
      ['REALM_PURPOSE Person.hasFile'],
    ],
    [
      'a field added without classification',
      `type Person @key(fields: "ref") { ref: ID!, hasFile: Boolean! }`,
      ['REALM_PURPOSE Person.hasFile'],
    ],
    [
      'a type-level @scopes on the national entity',
      `type Person @key(fields: "ref") @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE) { ref: ID!, files: Int @scopes(anyOf: ["beneficiary:read"]) }`,
      ['FOREIGN_TYPE Person'],
    ],
    [
      'a key the national owner does not declare',
      `type Person @key(fields: "nationalId") { nationalId: String! @external }`,
      ['FOREIGN_TYPE Person.nationalId', 'FOREIGN_TYPE Person'],
    ],
    ['a national enum changed', `enum CareType { CONSULTATION PHARMACY DENTAL }`, ['FOREIGN_TYPE CareType']],
    [
      "the national entity's key hidden from the federation",
      `type Person @key(fields: "ref") { ref: ID! @inaccessible, files: Int @scopes(anyOf: ["beneficiary:read"]) }`,
      ['FOREIGN_TYPE Person.ref'],
    ],
    [
      'the national entity hidden whole',
      `type Person @key(fields: "ref") @inaccessible { ref: ID!, files: Int @scopes(anyOf: ["beneficiary:read"]) }`,
      ['FOREIGN_TYPE Person'],
    ],
    ['a value of a national enum hidden', `enum CareType { CONSULTATION PHARMACY @inaccessible }`, ['FOREIGN_TYPE CareType.PHARMACY']],
    ['a national scalar hidden', `scalar Date @inaccessible`, ['FOREIGN_TYPE Date']],
    [
      'a national key hidden under the namespaced name',
      `type Person @key(fields: "ref") { ref: ID! @federation__inaccessible, files: Int @scopes(anyOf: ["beneficiary:read"]) }`,
      ['FOREIGN_TYPE Person.ref'],
    ],
    [
      'a national key hidden under a name given on import',
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", { name: "@inaccessible", as: "@hidden" }])
       type Person @key(fields: "ref") { ref: ID! @hidden, files: Int @scopes(anyOf: ["beneficiary:read"]) }`,
      ['FOREIGN_TYPE Person.ref'],
    ],
    [
      'a national field taken as @external under the namespace the link gives',
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", as: "fed", import: ["@key"])
       type Person @key(fields: "ref") { ref: ID!, nationalId: String! @fed__external, leak: String @fed__requires(fields: "nationalId") @scopes(anyOf: ["beneficiary:read"]) }`,
      ['FOREIGN_TYPE Person.nationalId'],
    ],
    [
      'a key declared under a name given on import',
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: [{ name: "@key", as: "@entity" }])
       type Person @entity(fields: "nationalId") { nationalId: String! }`,
      ['FOREIGN_TYPE Person.nationalId', 'FOREIGN_TYPE Person'],
    ],
    [
      'a national value type declared',
      `type Coverage @shareable { organism: String! }`,
      ['FOREIGN_TYPE Coverage.organism', 'FOREIGN_TYPE Coverage'],
    ],
  ])('refuses %s', (_case, sdl, expected) => {
    expect(problemsOf(sdl)).toEqual(expected);
  });

  it("lets the national owner republish its own types beside an OG's extension of them", () => {
    const ogSubgraph: MemberSubgraph = {
      name: 'cnss-claims',
      owner: 'CNSS',
      createdAt: '2026-06-01T00:00:00.000Z',
      typesSince: new Map(),
      sdl: `type Person @key(fields: "ref") { ref: ID!, cnssClaimFiles: [String!]! @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE) }`,
    };
    expect(foreignTypeProblems(national, [national, ogSubgraph], new Set(), 'ANAM')).toEqual([]);
  });

  it("keeps one OG off another OG's fields", () => {
    const ogSubgraph: MemberSubgraph = {
      name: 'cnss-claims',
      owner: 'CNSS',
      createdAt: '2026-06-01T00:00:00.000Z',
      typesSince: new Map(),
      sdl: `type Person @key(fields: "ref") { ref: ID!, cnssClaimFiles: [String!]! @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE) }`,
    };
    const cnops: MemberSubgraph = {
      name: 'cnops-claims',
      owner: 'CNOPS',
      createdAt: '2026-07-01T00:00:00.000Z',
      typesSince: new Map(),
      sdl: `type Person @key(fields: "ref") { ref: ID!, cnssClaimFiles: [String!]! @shareable @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE) }`,
    };
    const problems = foreignTypeProblems(cnops, [national, ogSubgraph, cnops], granted, 'ANAM');
    expect(problems.map((p) => `${p.check} ${p.type}.${p.field}`)).toEqual(['FOREIGN_TYPE Person.cnssClaimFiles']);
    expect(problems[0]?.message).toContain('CNSS');
  });

  describe("an insurer's type, taken up by another insurer's older subgraph", () => {
    const CNOPS_FILE = `type Query { cnopsFile(id: ID!): CnopsFile @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH) }
      type CnopsFile @key(fields: "id") @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH) { id: ID!, diagnosis: String, status: CnopsStatus }
      enum CnopsStatus { OPEN CLOSED }`;
    /** CNOPS's subgraph, published in March with its type. */
    const cnops: MemberSubgraph = {
      name: 'cnops-files',
      owner: 'CNOPS',
      createdAt: '2026-03-01T00:00:00.000Z',
      typesSince: typesDeclaredSince([{ version: 1, sdl: CNOPS_FILE, publishedAt: '2026-03-01T00:00:00.000Z' }], 1),
      sdl: CNOPS_FILE,
    };
    /** A CNSS subgraph created in February, before CNOPS's, publishing `sdl` after these versions (the last one served). */
    const olderCnss = (sdl: string, history: { sdl: string; publishedAt: string }[]): MemberSubgraph => ({
      name: 'cnss-old',
      owner: 'CNSS',
      createdAt: '2026-02-01T00:00:00.000Z',
      typesSince: typesDeclaredSince(
        history.map((version, index) => ({ ...version, version: index + 1 })),
        history.length,
      ),
      sdl,
    });
    const PING = 'type Query { cnssPing: String @public(reason: "health check") }';
    const FEBRUARY = { sdl: PING, publishedAt: '2026-02-01T00:00:00.000Z' };
    const HIDES_KEY =
      'type CnopsFile @key(fields: "id") { id: ID! @inaccessible, cnssNote: String @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH) }';
    const where = (problems: ReturnType<typeof foreignTypeProblems>) =>
      problems.map((p) => `${p.check} ${p.type}${p.field ? `.${p.field}` : ''}`);

    it.each([
      [
        'hides a key of theirs',
        'type CnopsFile @key(fields: "id") { id: ID! @inaccessible, cnssNote: String @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH) }',
        'FOREIGN_TYPE CnopsFile.id',
      ],
      [
        'puts a type-level @public on it',
        'type CnopsFile @key(fields: "id") @public(reason: "x") { id: ID!, cnssNote: String }',
        'FOREIGN_TYPE CnopsFile',
      ],
      [
        'adds a field under a purpose the realm does not grant CNSS',
        'type CnopsFile @key(fields: "id") { id: ID!, cnssNote: String @scopes(anyOf: ["records:read"], sensitivity: HEALTH) }',
        'REALM_PURPOSE CnopsFile.cnssNote',
      ],
      ['hides a value of their enum', 'enum CnopsStatus { OPEN CLOSED @inaccessible }', 'FOREIGN_TYPE CnopsStatus.CLOSED'],
    ])('extends it, as a new subgraph would, when it first takes it up: refused when it %s', (_case, sdl, expected) => {
      const candidate = olderCnss(sdl, [FEBRUARY]);
      expect(where(foreignTypeProblems(candidate, [cnops, candidate], granted, 'ANAM'))).toContain(expected);
    });

    it('stays an extension after a first version that only extended it: a later one may not hide it', () => {
      const extension = {
        sdl: 'type CnopsFile @key(fields: "id") { id: ID!, cnssNote: String @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH) }',
        publishedAt: '2026-04-01T00:00:00.000Z',
      };
      const candidate = olderCnss(HIDES_KEY, [FEBRUARY, extension]);
      expect(where(foreignTypeProblems(candidate, [cnops, candidate], granted, 'ANAM'))).toContain('FOREIGN_TYPE CnopsFile.id');
    });

    it('counts a type it declared in January, dropped in February and takes up again from its return, not from January', () => {
      const january = { sdl: `${PING} type CnopsFile @key(fields: "id") { id: ID! }`, publishedAt: '2026-01-01T00:00:00.000Z' };
      const candidate = olderCnss(HIDES_KEY, [january, FEBRUARY]);
      expect(where(foreignTypeProblems(candidate, [cnops, candidate], granted, 'ANAM'))).toContain('FOREIGN_TYPE CnopsFile.id');
    });

    it('leaves CNOPS its own type to republish as it is beside that extension', () => {
      const extension =
        'type CnopsFile @key(fields: "id") { id: ID!, cnssNote: String @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH) }';
      const cnss = olderCnss(extension, [FEBRUARY, { sdl: extension, publishedAt: '2026-04-01T00:00:00.000Z' }]);
      expect(foreignTypeProblems(cnops, [cnops, cnss], granted, 'ANAM')).toEqual([]);
    });

    it('reads since when each type of the version served has been declared without a break', () => {
      const versions = [
        { version: 1, sdl: 'type A { a: String } type C { c: String }', publishedAt: '2026-01-01T00:00:00.000Z' },
        { version: 2, sdl: 'not an SDL {', publishedAt: '2026-02-01T00:00:00.000Z' },
        { version: 3, sdl: 'type A { a: String } type C { c: String }', publishedAt: '2026-03-01T00:00:00.000Z' },
        { version: 4, sdl: 'type A { a: String }', publishedAt: '2026-04-01T00:00:00.000Z' },
        { version: 5, sdl: 'type A { a: String } type B { b: String } type C { c: String }', publishedAt: '2026-05-01T00:00:00.000Z' },
        { version: 6, sdl: 'type D { d: String }', publishedAt: '2026-06-01T00:00:00.000Z' },
      ];
      // Served v5 (rolled back to from v6): A since v3 (v2 broke the run), B since v5, C since v5 (v4 dropped it).
      expect(Object.fromEntries(typesDeclaredSince(versions, 5))).toEqual({
        A: '2026-03-01T00:00:00.000Z',
        B: '2026-05-01T00:00:00.000Z',
        C: '2026-05-01T00:00:00.000Z',
      });
      // Retired or new: it serves nothing, so it has declared nothing.
      expect(typesDeclaredSince(versions, null).size).toBe(0);
      expect(typesDeclaredSince(versions, 9).size).toBe(0);
    });
  });
});
