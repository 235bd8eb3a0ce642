import { randomUUID } from 'node:crypto';
import { todayIn } from '@cmb/kit';
import { Client } from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { postGraphQL, type GraphQLAnswer } from '../support/graphql-client';
import { authAs, userToken } from '../support/tokens';

/**
 * The regulator's indicators and the break-glass justification through the
 * gateway, with real Keycloak tokens: ANAM's officer, the CNDP and the
 * ministry read aggregated tables (statistics:read), small cells suppressed;
 * a hospital or an OG is refused. ANAM's officer reads the justification of a
 * break-glass access in the review queue; the insurers' officers and the CNDP
 * are refused, and the trail never holds it.
 */
const TABLE = 'id title threshold dimensions rows { values count suppressed } total';
const INDICATORS = /* GraphQL */ `
  query ($from: Date!, $to: Date!) {
    coverageIndicators { ${TABLE} }
    eligibilityCheckIndicators(from: $from, to: $to) { ${TABLE} }
    breakGlassIndicators(from: $from, to: $to) { ${TABLE} }
  }
`;
const COVERAGE = `query { coverageIndicators { ${TABLE} } }`;
const CHECK = `query ($input: EligibilityInput!) { eligibility(input: $input) { outcome } }`;
const BREAK_GLASS = `query ($nationalId: String!, $breakGlass: BreakGlassInput) { person(nationalId: $nationalId) { documents(breakGlass: $breakGlass) { totalCount } } }`;
const QUEUE = `query { breakGlassAccessesAwaitingReview(first: 200) { edges { node { eventId requestId breakGlassJustification } } } }`;

interface Table {
  id: string;
  threshold: number;
  dimensions: string[];
  rows: { values: string[]; count: number | null; suppressed: string | null }[];
  total: number | null;
}
interface QueueNode {
  eventId: string;
  requestId: string;
  breakGlassJustification: string | null;
}

const gateway = () => inject('gatewayUrl');
const errorOf = (answer: GraphQLAnswer) => answer.body.errors?.[0]?.extensions;
const JUSTIFICATION = `Synthetic emergency ${randomUUID()}: unconscious patient, treatments unknown.`;

describe("the regulator's indicators and the break-glass justification", () => {
  let anamStatistics: Record<string, string>;
  let anamOfficer: Record<string, string>;
  const today = todayIn('Africa/Casablanca');

  beforeAll(async () => {
    anamStatistics = await userToken('officer-console', 'officer-anam', 'openid statistics:read');
    anamOfficer = await userToken('officer-console', 'officer-anam', 'openid audit:read');
  });

  it('serves ANAM, the CNDP and the ministry aggregated tables, no published cell under the threshold', async () => {
    await postGraphQL(
      gateway(),
      CHECK,
      { input: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', careType: 'CONSULTATION' } },
      await authAs('cabinet-zzp00001'),
    );
    const answer = await postGraphQL<{ coverageIndicators: Table[]; eligibilityCheckIndicators: Table; breakGlassIndicators: Table }>(
      gateway(),
      INDICATORS,
      { from: today, to: today },
      anamStatistics,
    );
    expect(answer.body.errors).toBeUndefined();
    const data = answer.body.data!;
    expect(data.coverageIndicators.map((table) => table.id)).toEqual([
      'INSURED_BY_ORGANISM_REGIME_REGION',
      'DEPENDANTS_BY_ORGANISM',
      'DOUBLE_REGISTRATIONS_CAUGHT',
    ]);
    expect(data.eligibilityCheckIndicators.dimensions).toEqual(['day', 'outcome', 'regime']);
    expect(data.eligibilityCheckIndicators.rows.length).toBeGreaterThan(0);
    expect(data.breakGlassIndicators.dimensions).toEqual(['month', 'verdict']);
    for (const table of [...data.coverageIndicators, data.eligibilityCheckIndicators, data.breakGlassIndicators]) {
      for (const row of table.rows) {
        if (row.count === null) expect(row.suppressed).not.toBeNull();
        else expect(row.count).toBeGreaterThanOrEqual(table.threshold);
      }
    }
    for (const reader of [await authAs('cndp-inspector', 'statistics:read'), await authAs('ministere-sante', 'statistics:read')]) {
      const read = await postGraphQL<{ coverageIndicators: Table[] }>(gateway(), COVERAGE, {}, reader);
      expect(read.body.errors).toBeUndefined();
      expect(read.body.data?.coverageIndicators).toHaveLength(3);
    }
  });

  it('refuses a hospital and an OG', async () => {
    for (const [client, scope] of [
      ['hopital-zzp00004', 'eligibility:check'],
      ['og-cnss', 'beneficiary:read'],
    ] as const) {
      const answer = await postGraphQL(gateway(), COVERAGE, {}, await authAs(client, scope));
      expect(errorOf(answer)).toMatchObject({ code: 'FORBIDDEN' });
      expect(answer.body.data ?? null).toBeNull();
    }
  });

  it("shows ANAM's officer the justification in the review queue, refuses it to the others, and keeps it out of the trail", async () => {
    const requestId = `indicators-break-glass-${randomUUID()}`;
    const access = await postGraphQL(
      gateway(),
      BREAK_GLASS,
      { nationalId: 'ZZ000011', breakGlass: { justification: JUSTIFICATION } },
      { ...(await authAs('hopital-zzp00004', 'records:break-glass')), 'x-request-id': requestId },
    );
    expect(access.body.errors).toBeUndefined();

    const queue = await postGraphQL<{ breakGlassAccessesAwaitingReview: { edges: { node: QueueNode }[] } }>(
      gateway(),
      QUEUE,
      {},
      anamOfficer,
    );
    expect(queue.body.errors).toBeUndefined();
    const node = queue.body.data?.breakGlassAccessesAwaitingReview.edges.map((edge) => edge.node).find((n) => n.requestId === requestId);
    expect(node?.breakGlassJustification).toBe(JUSTIFICATION);

    for (const refused of [
      await userToken('officer-console', 'officer-cnss', 'openid audit:read'),
      await authAs('cndp-inspector', 'audit:read'),
      await userToken('officer-console', 'regulator-cndp', 'openid audit:read'),
    ]) {
      const answer = await postGraphQL(gateway(), QUEUE, {}, refused);
      expect(JSON.stringify(answer.body)).not.toContain(JUSTIFICATION);
      expect(answer.body.errors?.map((error) => error.extensions?.reason)).toContain('BREAK_GLASS_JUSTIFICATION_ANAM_ONLY');
    }

    const audit = new Client({ connectionString: inject('auditAdminUrl') });
    await audit.connect();
    try {
      const events = await audit.query<{ body: string }>('SELECT body FROM audit_event WHERE request_id = $1', [requestId]);
      expect(events.rows.length).toBeGreaterThan(0);
      for (const event of events.rows) expect(event.body).not.toContain(JUSTIFICATION.slice(0, 30));
    } finally {
      await audit.end();
    }
  });
});
