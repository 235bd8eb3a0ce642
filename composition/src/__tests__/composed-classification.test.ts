import { CLASSIFICATION_SDL, SCOPES_SPEC_URL } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../compose';
import { classificationLinkProblems, lostClassificationProblems } from '../composed-classification';
import { NATIONAL_PERSON_TYPES, OG_HEALTH_TYPES as OG_TYPES } from '../../../test/support/review-sdl';

const FEDERATION =
  '@link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@external", "@inaccessible", "@composeDirective"])';
const SCOPES_LINK = `@link(url: "${SCOPES_SPEC_URL}", import: ["@scopes", "@public", "Sensitivity"])`;
const COMPOSED = '@composeDirective(name: "@scopes") @composeDirective(name: "@public")';

/** A subgraph SDL with these schema directives, the classification vocabulary, then its types. */
function sdl(schemaDirectives: string, types: string, vocabulary = CLASSIFICATION_SDL): string {
  return `extend schema ${FEDERATION} ${schemaDirectives}\n${vocabulary}\n${types}`;
}

/** As the kit's buildFederatedSchema prints it. */
const linked = (types: string) => sdl(`${SCOPES_LINK} ${COMPOSED}`, types);

/** The national subgraph the OG's subgraphs extend. */
const national = {
  name: 'beneficiaries',
  url: 'http://127.0.0.1:4101/graphql',
  sdl: linked(NATIONAL_PERSON_TYPES),
};

/** `coordinate: first words` of each problem. */
function linkProblemsOf(text: string): string[] {
  return classificationLinkProblems({ name: 'cnss-claims', sdl: text }).map((p) => `${p.coordinate}: ${p.message}`);
}

describe('the classification directives come through the scopes spec', () => {
  it('accepts an SDL as the kit prints it, and one that uses no classification', () => {
    expect(linkProblemsOf(linked(OG_TYPES))).toEqual([]);
    expect(linkProblemsOf(`extend schema ${FEDERATION}\ntype Person @key(fields: "ref") { ref: ID! }`)).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    [
      '@scopes and @public defined without the @link nor @composeDirective',
      sdl('', OG_TYPES),
      ['@scopes: defines @scopes with no @link to', '@public: defines @public with no @link to'],
    ],
    [
      'the @link without @composeDirective',
      sdl(SCOPES_LINK, OG_TYPES),
      ['@scopes: defines @scopes with no @composeDirective', '@public: defines @public with no @composeDirective'],
    ],
    [
      '@composeDirective without the @link',
      sdl(COMPOSED, OG_TYPES),
      ['@scopes: defines @scopes with no @link to', '@public: defines @public with no @link to'],
    ],
    [
      'the spec imported under another name',
      sdl(`@link(url: "${SCOPES_SPEC_URL}", import: [{ name: "@scopes", as: "@s" }, "@public", "Sensitivity"]) ${COMPOSED}`, OG_TYPES),
      ['@scopes: defines @scopes with no @link to'],
    ],
    [
      'another version of the spec',
      sdl(`${SCOPES_LINK.replace('v0.2', 'v0.9')} ${COMPOSED}`, OG_TYPES),
      ['@link: links the scopes spec at https://specs.cmb.ma/scopes/v0.9', '@scopes: defines @scopes with no @link', '@public: defines'],
    ],
    [
      '@scopes defined otherwise than the spec',
      linked(OG_TYPES).replace('on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM', 'on FIELD_DEFINITION'),
      ['@scopes: defines @scopes otherwise than the scopes spec'],
    ],
    ['a Sensitivity of other classes', linked(OG_TYPES).replace('PROFESSIONAL', 'PUBLIC'), ['Sensitivity: defines Sensitivity otherwise']],
    [
      'a federation directive defined by the subgraph itself',
      linked(`${OG_TYPES}\ndirective @external on FIELD_DEFINITION`),
      ['@external: defines @external itself'],
    ],
    [
      "a type named as federation's own, served under @public (it escaped the check)",
      linked(`${OG_TYPES}\ntype FieldSet { diagnosis: String }\nextend type Query { cnssOpen: FieldSet @public(reason: "x") }`),
      ['FieldSet: defines the type FieldSet itself'],
    ],
  ])('refuses %s', (_case, text, expected) => {
    const problems = linkProblemsOf(text);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(problems[i]).toContain(start));
  });

  it('tells the OG how to import them', () => {
    const [problem] = linkProblemsOf(sdl('', OG_TYPES));
    expect(problem).toContain(`@link(url: "${SCOPES_SPEC_URL}", import: ["@scopes", "@public", "Sensitivity"])`);
    expect(problem).toContain('@composeDirective(name: "@scopes")');
  });
});

describe('the composed supergraph carries every classification as declared', () => {
  it('finds nothing lost when the OG imports the directives through the spec', () => {
    const og = { name: 'cnss-claims', url: 'http://127.0.0.1:4201/graphql', sdl: linked(OG_TYPES) };
    expect(lostClassificationProblems([national, og], composeSupergraph([national, og]))).toEqual([]);
  });

  it('names every field whose @scopes composition dropped (the directive declared without the @link)', () => {
    const og = {
      name: 'cnss-claims',
      url: 'http://127.0.0.1:4201/graphql',
      sdl: `extend schema ${FEDERATION}\n${CLASSIFICATION_SDL}\n${OG_TYPES}`,
    };
    const problems = lostClassificationProblems([national, og], composeSupergraph([national, og]));
    expect(problems.map((p) => `${p.subgraph} / ${p.coordinate}`)).toEqual([
      'cnss-claims / Query.cnssMemberFiles',
      'cnss-claims / Person.cnssDiagnoses',
    ]);
    expect(problems[0]?.message).toContain('carries no @scopes and no @public');
    expect(problems[0]?.message).toContain('any caller');
  });

  it('names a field whose purposes or class differ in the supergraph', () => {
    const declared = linked(OG_TYPES);
    const composed = composeSupergraph([national, { name: 'cnss-claims', url: 'http://127.0.0.1:4201/graphql', sdl: declared }]);
    const other = composed.replace(
      'cnssDiagnoses: [String!]! @join__field(graph: CNSS_CLAIMS) @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH)',
      'cnssDiagnoses: [String!]! @join__field(graph: CNSS_CLAIMS) @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE)',
    );
    expect(other).not.toBe(composed);
    const problems = lostClassificationProblems([{ name: 'cnss-claims', sdl: declared }], other);
    expect(problems.map((p) => p.coordinate)).toEqual(['Person.cnssDiagnoses']);
    expect(problems[0]?.message).toContain('other purposes or another class');
  });
});
