import { composeSupergraph } from '@cmb/composition';
import { CLASSIFICATION_SDL, SCOPES_SPEC_URL } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { NATIONAL_PERSON_TYPES, OG_HEALTH_TYPES as OG_TYPES } from '../../../../test/support/review-sdl';
import { ogSubgraphSdl } from '../__tests__/og-subgraph-sdl';
import type { CheckProblem } from '../rules/facts';
import { runChecks } from './publish-checks';
import type { Member } from './supergraph-composer';

const national: Member = {
  name: 'beneficiaries',
  owner: 'ANAM',
  version: 1,
  routingUrl: 'http://127.0.0.1:4101/graphql',
  createdAt: '2026-01-01T00:00:00.000Z',
  typesSince: new Map(),
  sdl: ogSubgraphSdl(NATIONAL_PERSON_TYPES),
};

/** The same types, with its own `@scopes` and `@public` declared but neither the scopes spec's @link nor @composeDirective. */
const WITHOUT_LINK = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])

${CLASSIFICATION_SDL}
${OG_TYPES}`;

/** The checks of a CNSS publish beside the national subgraph (and others), the supergraph served now being `current`. */
async function checksOf(
  sdl: string,
  { others = [], current = null, name = 'cnss-claims' }: { others?: Member[]; current?: string | null; name?: string } = {},
): Promise<{ problems: CheckProblem[]; warnings: CheckProblem[]; composed: boolean }> {
  const candidate: Member = {
    name,
    owner: 'CNSS',
    version: 1,
    routingUrl: 'http://127.0.0.1:4201/graphql',
    createdAt: '2026-06-01T00:00:00.000Z',
    typesSince: new Map(),
    sdl,
  };
  const outcome = await runChecks({
    subject: candidate.name,
    candidate,
    next: [national, ...others, candidate],
    currentApiSchema: null,
    currentSupergraphSdl: current,
    granted: new Set(['beneficiary:read', 'registry:publish']),
    nationalOwner: 'ANAM',
    usageWindowDays: 30,
    breakingChangesBlock: true,
    usedCoordinates: () => Promise.resolve(new Set()),
    realmClients: () => [],
  });
  return { problems: outcome.problems, warnings: outcome.warnings, composed: outcome.composed !== null };
}

const where = (p: CheckProblem) => `${p.check} ${p.subgraph} / ${p.type ?? '(schema)'}${p.field ? `.${p.field}` : ''}`;

describe('the checks keep the classification the gateway enforces', () => {
  it('publishes fields whose @scopes come through the scopes spec', async () => {
    expect(await checksOf(ogSubgraphSdl(OG_TYPES))).toEqual({ problems: [], warnings: [], composed: true });
  });

  it('refuses an SDL declaring @scopes and @public itself without the @link, and each field composition would leave open', async () => {
    const { problems, composed } = await checksOf(WITHOUT_LINK);
    expect(composed).toBe(false);
    expect(problems.map(where)).toEqual([
      'CLASSIFICATION_LINK cnss-claims / (schema)',
      'CLASSIFICATION_LINK cnss-claims / (schema)',
      'CLASSIFICATION_LOST cnss-claims / Query.cnssMemberFiles',
      'CLASSIFICATION_LOST cnss-claims / Person.cnssDiagnoses',
    ]);
    for (const problem of problems) {
      expect(problem.message).toContain(`@link(url: "${SCOPES_SPEC_URL}"`);
      expect(problem.message).toContain('@composeDirective(name: "@scopes")');
    }
  });

  it('refuses the @link without @composeDirective', async () => {
    const { problems } = await checksOf(ogSubgraphSdl(OG_TYPES).replace(/ {2}@composeDirective\(name: "@(scopes|public)"\)\n/g, ''));
    expect([...new Set(problems.map((p) => p.check))]).toEqual(['CLASSIFICATION_LINK', 'CLASSIFICATION_LOST']);
    expect(problems.filter((p) => p.check === 'CLASSIFICATION_LOST').map((p) => `${p.type}.${p.field}`)).toEqual([
      'Query.cnssMemberFiles',
      'Person.cnssDiagnoses',
    ]);
  });

  it('refuses an unclassified field whose name starts with _ (not federation plumbing)', async () => {
    const { problems } = await checksOf(ogSubgraphSdl(`${OG_TYPES}\nextend type Query { _cnssDiagnoses(ref: ID!): [String!]! }`));
    expect(problems.map(where)).toEqual(['CLASSIFICATION cnss-claims / Query._cnssDiagnoses']);
  });

  it("reports, without holding it against another subgraph's change, a loss already served", async () => {
    const served: Member = {
      name: 'cnss-claims',
      owner: 'CNSS',
      version: 1,
      routingUrl: 'http://127.0.0.1:4201/graphql',
      createdAt: '2026-06-01T00:00:00.000Z',
      typesSince: new Map(),
      sdl: WITHOUT_LINK,
    };
    const current = composeSupergraph([national, served].map((m) => ({ name: m.name, url: m.routingUrl, sdl: m.sdl })));
    const other = ogSubgraphSdl('type Query { cnssPing: String @public(reason: "health probe") }');
    const { problems, warnings } = await checksOf(other, { others: [served], current, name: 'cnss-probe' });
    expect(problems).toEqual([]);
    expect(warnings.map(where)).toEqual([
      'CLASSIFICATION_LOST cnss-claims / Query.cnssMemberFiles',
      'CLASSIFICATION_LOST cnss-claims / Person.cnssDiagnoses',
    ]);
    // Its owner publishing it again, unchanged, is refused.
    expect((await checksOf(WITHOUT_LINK, { current })).problems.map((p) => p.check)).toContain('CLASSIFICATION_LOST');
  });
});
