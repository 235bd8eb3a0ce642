import 'reflect-metadata';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, CLASSIFICATION_SDL, Public, Scopes } from '@cmb/kit';
import { Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { classificationProblems, describeClassificationProblem, fieldClasses, type ClassificationProblem } from '../classification';

/** A subgraph SDL as `npm run compose` prints it: the classification vocabulary, then the types. */
function sdl(types: string): string {
  return `${CLASSIFICATION_SDL}\ndirective @key(fields: String!) repeatable on OBJECT | INTERFACE\ndirective @external on FIELD_DEFINITION | OBJECT\ndirective @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ENUM | SCALAR\n${types}`;
}

function problemsOf(types: string): string[] {
  return classificationProblems([{ name: 'demo', sdl: sdl(types) }]).map(describeClassificationProblem);
}

const H = '@scopes(anyOf: ["pathway:read"], sensitivity: HEALTH)';
const ROOT = 'type Query { x: Int @public(reason: "probe") }';

describe('classification check', () => {
  it.each<[string, string, string[]]>([
    ['a field with purposes and a class', `${ROOT} type P { a: String ${H} }`, []],
    ['a type-level @scopes covers its fields', `${ROOT} type P ${H} { a: String b: Int }`, []],
    ["a field @scopes without class inherits its type's", `${ROOT} type P ${H} { a: String @scopes(anyOf: ["records:read"]) }`, []],
    ['a @public field in a personal-data type', `${ROOT} type P ${H} { a: String v: String @public(reason: "list version") }`, []],
    ['a @public type covers its fields', `${ROOT} type R @public(reason: "reference list") { code: String label: String }`, []],
    [
      'a @public type with one scoped field',
      `${ROOT} type R @public(reason: "bookkeeping") { n: Int o: String @scopes(anyOf: ["beneficiary:write"], sensitivity: COVERAGE) }`,
      [],
    ],
    [
      'an unclassified field of a personal-data type',
      `${ROOT} type P { a: String ${H} b: String }`,
      ['demo / P.b: unclassified field of a personal-data type'],
    ],
    [
      'an unclassified field of a type with no annotation at all',
      `${ROOT} type R @public(reason: "ref") { a: String } type Q2 { b: String }`,
      ['demo / Q2.b: unclassified:'],
    ],
    [
      'a field @scopes without any class',
      `${ROOT} type P { a: String @scopes(anyOf: ["pathway:read"]) }`,
      ['demo / P.a: @scopes names no sensitivity'],
    ],
    [
      'a type @scopes without class',
      `${ROOT} type P @scopes(anyOf: ["pathway:read"]) { a: String }`,
      ['demo / P: @scopes names no sensitivity'],
    ],
    [
      'both @scopes and @public on a field',
      `${ROOT} type P { a: String ${H} @public(reason: "x") }`,
      ['demo / P.a: both @scopes and @public'],
    ],
    [
      'both @scopes and @public on a type',
      `${ROOT} type P ${H} @public(reason: "x") { a: String }`,
      ['demo / P: both @scopes and @public'],
    ],
    ['a @public without reason', `${ROOT} type R @public(reason: "") { a: String }`, ['demo / R: @public needs a reason']],
    [
      'an unknown purpose',
      `${ROOT} type P { a: String @scopes(anyOf: ["everything"], sensitivity: HEALTH) }`,
      ['demo / P.a: @scopes names an unknown purpose "everything"'],
    ],
    [
      'an unknown class',
      `${ROOT} type P { a: String @scopes(anyOf: ["pathway:read"], sensitivity: SECRET) }`,
      ['demo / P.a: @scopes names an unknown sensitivity SECRET'],
    ],
    [
      'an empty purpose list',
      `${ROOT} type P { a: String @scopes(anyOf: [], sensitivity: HEALTH) }`,
      ['demo / P.a: @scopes lists no purpose'],
    ],
    ['an unclassified root field', 'type Query { a: Int }', ['demo / Query.a: unclassified:']],
    ['a root field in an extension', `${ROOT} extend type Query { b: Int }`, ['demo / Query.b: unclassified:']],
    [
      'a root @scopes gating reference data needs no class',
      'type Query { gmr: [R!]! @scopes(anyOf: ["medicine:read"]) } type R @public(reason: "GMR") { code: String }',
      [],
    ],
    [
      'a root @scopes returning personal data needs a class',
      `type Query { p: P @scopes(anyOf: ["pathway:read"]) } type P ${H} { a: String }`,
      ['demo / Query.p: @scopes names no sensitivity'],
    ],
    [
      'a root @scopes returning a scalar needs a class',
      'type Query { n: String @scopes(anyOf: ["beneficiary:read"]) }',
      ['demo / Query.n: @scopes names no sensitivity'],
    ],
    [
      'exempt: federation plumbing',
      `${ROOT} type _Service { sdl: String } type P ${H} { a: String } extend type Query { _service: _Service! }`,
      [],
    ],
    [
      'exempt: federation plumbing of entities',
      `${ROOT} scalar _Any union _Entity = P type P ${H} { a: String } extend type Query { _entities(representations: [_Any!]!): [_Entity]! }`,
      [],
    ],
    [
      'not exempt: a root field starting with _ that is not federation plumbing',
      `${ROOT} type P ${H} { a: String } extend type Query { _cnssMembers: [P!]! }`,
      ['demo / Query._cnssMembers: unclassified:'],
    ],
    [
      'not exempt: a field or a type starting with _ that is not federation plumbing',
      `${ROOT} type P ${H} { a: String } type _Hidden { diagnosis: String } type Q2 { _diagnosis: String _service: String }`,
      ['demo / _Hidden.diagnosis: unclassified:', 'demo / Q2._diagnosis: unclassified:', 'demo / Q2._service: unclassified:'],
    ],
    [
      'not exempt: _entities and _service on another root than the query (they were, on every root)',
      `${ROOT} type P ${H} { a: String } type Mutation { _entities(x: String): String _service: String }`,
      ['demo / Mutation._entities: unclassified:', 'demo / Mutation._service: unclassified:'],
    ],
    ['exempt: an @inaccessible field', `${ROOT} type P { a: String ${H} hidden: String @inaccessible }`, []],
    ['exempt: an @inaccessible type', `${ROOT} type Facts @inaccessible { registered: Boolean }`, []],
    ['exempt: an @external field', `${ROOT} type D @key(fields: "id") { id: ID! inpe: String @external p: String ${H} }`, []],
    ['exempt: an ID key field', `${ROOT} type Person @key(fields: "ref") { ref: ID! name: String ${H} }`, []],
    [
      'not exempt: a key that is not an ID',
      `${ROOT} type Provider @key(fields: "inpe") { inpe: String! name: String ${H} }`,
      ['demo / Provider.inpe: unclassified field of a personal-data type'],
    ],
    [
      'not exempt: an ID that is not a key',
      `${ROOT} type P { id: ID! a: String ${H} }`,
      ['demo / P.id: unclassified field of a personal-data type'],
    ],
  ])('%s', (_label, types, expected) => {
    const problems = problemsOf(types);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(problems[i]).toContain(start));
  });

  it('names every subgraph and coordinate, in subgraph order', () => {
    const problems: ClassificationProblem[] = classificationProblems([
      {
        name: 'beneficiaries',
        sdl: sdl(
          `${ROOT} type Person @key(fields: "ref") { ref: ID! sex: String firstName: String @scopes(anyOf: ["beneficiary:read"], sensitivity: IDENTITY) }`,
        ),
      },
      { name: 'medicines', sdl: sdl(`${ROOT} type Medicine { ean13: String }`) },
    ]);
    expect(problems.map((p) => `${p.subgraph} / ${p.coordinate}`)).toEqual(['beneficiaries / Person.sex', 'medicines / Medicine.ean13']);
  });
});

describe('field classes for the access matrix', () => {
  const classes = fieldClasses(
    sdl(`
    type Query { p: P @scopes(anyOf: ["beneficiary:read"], sensitivity: IDENTITY) gmr: R @scopes(anyOf: ["medicine:read"]) ald: R @public(reason: "list") }
    type P @scopes(anyOf: ["pathway:read"], sensitivity: HEALTH) { a: String b: String @scopes(anyOf: ["records:read"]) c: String @scopes(anyOf: ["records:read"], sensitivity: COVERAGE) v: String @public(reason: "version") }
    type R @public(reason: "reference") { code: String }
    type U { x: Int }
  `),
  );
  it.each<[string, string]>([
    ['Query.p', 'IDENTITY'],
    ['Query.gmr', 'none'],
    ['Query.ald', 'public'],
    ['P.a', 'HEALTH'],
    ['P.b', 'HEALTH'],
    ['P.c', 'COVERAGE'],
    ['P.v', 'public'],
    ['R.code', 'public'],
    ['U.x', 'none'],
  ])('%s → %s', (coordinate, expected) => {
    expect(classes.get(coordinate)).toBe(expected);
  });
});

/*
 * A tiny subgraph built with the kit's decorators. They are applied by hand:
 * this test file is outside the tsconfig that enables legacy decorators, so
 * the `@Decorator` syntax is not transformed here.
 */
class DemoRecord {
  id!: string;
  code!: string;
  listVersion!: string;
}
ObjectType('DemoRecord')(DemoRecord);
Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })(DemoRecord);
Field(() => ID)(DemoRecord.prototype, 'id');
Field(() => String)(DemoRecord.prototype, 'code');
Scopes('pathway:read', 'records:read')(DemoRecord.prototype, 'code');
Field(() => String)(DemoRecord.prototype, 'listVersion');
Public('version of the reference list')(DemoRecord.prototype, 'listVersion');

class DemoResolver {
  demoRecords(): DemoRecord[] {
    return [];
  }

  demoHello(): string {
    return 'hello';
  }
}
Resolver()(DemoResolver);
const method = (name: keyof DemoResolver) =>
  [DemoResolver.prototype, name, Object.getOwnPropertyDescriptor(DemoResolver.prototype, name) as PropertyDescriptor] as const;
Query(() => [DemoRecord])(...method('demoRecords'));
Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })(...method('demoRecords'));
Query(() => String)(...method('demoHello'));
Public('a greeting')(...method('demoHello'));

describe('the kit decorators', () => {
  it('print both @scopes forms and @public, and pass the check', async () => {
    const printed = printSubgraphSchema(await buildFederatedSchema({ resolvers: [DemoResolver] }));
    expect(printed).toContain('@scopes(anyOf: ["pathway:read"], sensitivity: HEALTH)');
    expect(printed).toContain('code: String! @scopes(anyOf: ["pathway:read", "records:read"])');
    expect(printed).toContain('@public(reason: "version of the reference list")');
    expect(printed).toMatch(/@link\(url: "https:\/\/specs\.cmb\.ma\/scopes\/v0\.2", import: \["@scopes", "@public", "Sensitivity"\]\)/);
    expect(printed).toContain('@composeDirective(name: "@public")');
    expect(classificationProblems([{ name: 'demo', sdl: printed }])).toEqual([]);
  });

  it('refuses an unknown purpose or class and an empty reason', () => {
    expect(() => Scopes({ anyOf: ['everything' as never] })).toThrow(/unknown purpose/);
    expect(() => Scopes({ anyOf: ['pathway:read'], sensitivity: 'SECRET' as never })).toThrow(/unknown sensitivity/);
    expect(() => Public(' ')).toThrow(/reason/);
  });
});
