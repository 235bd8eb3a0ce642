import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PseudonymKeyring } from '@cmb/audit-store';
import { addDays, todayIn } from '@cmb/kit';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postGraphQL, type GraphQLAnswer } from '../support/graphql-client';
import { authAs } from '../support/tokens';

/**
 * OGs record their own members' care pathways and establishments ask for
 * prior approvals, through the gateway with real Keycloak tokens: the gateway
 * reads from the registry the organisms covering each person a pathway write
 * names and signs them for care-pathways, which holds an OG to its own
 * members and addresses a request to the person's one OG. Every record here
 * starts today or later, so the personas' checks on their own day
 * (2026-03-02) keep their expected outcomes.
 */
const RECORD = /* GraphQL */ `
  mutation ($batch: PathwayBatchInput!) {
    recordPathways(batch: $batch) {
      replayed
      applied
      refused
      rows {
        index
        kind
        status
        code
        recordId
      }
    }
  }
`;
const REQUEST = /* GraphQL */ `
  mutation ($input: PriorApprovalRequestInput!) {
    requestPriorApproval(input: $input) {
      replayed
      request {
        id
        organism
        status
        plannedOn
      }
    }
  }
`;
const REQUESTS = /* GraphQL */ `
  query ($status: PriorApprovalStatus) {
    priorApprovalRequests(status: $status, first: 200) {
      nodes {
        id
        personRef
        status
        validFrom
        validUntil
      }
    }
  }
`;
const PATHWAY = /* GraphQL */ `
  query ($nationalId: String!) {
    person(nationalId: $nationalId) {
      longTermIllnesses {
        id
        code
        validFrom
        validUntil
        protocolCode
      }
      referrals {
        fromInpe
        toInpe
        issuedOn
      }
    }
  }
`;
const ELIGIBILITY = /* GraphQL */ `
  query ($input: EligibilityInput!) {
    eligibility(input: $input) {
      outcome
      pathway {
        inPathway
        priorApprovalRequired
        priorApprovalGranted
      }
    }
  }
`;

interface RowResult {
  index: number;
  kind: string | null;
  status: string;
  code: string | null;
  recordId: string | null;
}
type Recorded = GraphQLAnswer<{ recordPathways: { replayed: boolean; applied: number; refused: number; rows: RowResult[] } }>;

const gateway = () => inject('gatewayUrl');
const TODAY = todayIn('Africa/Casablanca');
const day = (days: number) => addDays(TODAY, days);
const RUN = randomUUID().slice(0, 8);

async function refOf(nationalId: string, clientId = 'og-cnss', scope = 'beneficiary:read'): Promise<string> {
  const answer = await postGraphQL<{ person: { ref: string } | null }>(
    gateway(),
    'query ($id: String!) { person(nationalId: $id) { ref } }',
    { id: nationalId },
    await authAs(clientId, scope),
  );
  const ref = answer.body.data?.person?.ref;
  if (!ref) throw new Error(`no ref for ${nationalId} as ${clientId}`);
  return ref;
}

async function record(
  clientId: string,
  rows: Record<string, unknown>[],
  idempotencyKey = `e2e-${RUN}-${randomUUID()}`,
  headers = {},
): Promise<Recorded> {
  return postGraphQL(gateway(), RECORD, { batch: { idempotencyKey, rows } }, { ...(await authAs(clientId, 'pathway:write')), ...headers });
}

async function eligibility(clientId: string, nationalId: string, providerInpe: string, careType: string, date: string) {
  const answer = await postGraphQL<{ eligibility: { outcome: string; pathway: Record<string, boolean> | null } }>(
    gateway(),
    ELIGIBILITY,
    { input: { nationalId, providerInpe, careType, date } },
    await authAs(clientId, 'eligibility:check'),
  );
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data?.eligibility;
}

describe('care pathway writes through the gateway', () => {
  let audit: Client;
  beforeAll(async () => {
    audit = new Client({ connectionString: inject('auditAdminUrl') });
    await audit.connect();
  });
  afterAll(() => audit?.end());

  it('og-cnss recognises a long-term illness with its protocol for its member P01, readable under pathway:read and audited', async () => {
    const p01 = await refOf('ZZ000001');
    const requestId = `e2e-pathway-${randomUUID()}`;
    const rows = [
      { personRef: p01, longTermIllness: { aldCode: 'DIABETE_T2', validFrom: TODAY, validUntil: day(364), protocolCode: 'PT_DIABETE' } },
    ];
    const idempotencyKey = `e2e-${RUN}-p01-illness`;
    const answer = await record('og-cnss', rows, idempotencyKey, { 'x-request-id': requestId });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.recordPathways).toMatchObject({ applied: 1, refused: 0, replayed: false });
    const illnessId = answer.body.data?.recordPathways.rows[0]?.recordId;

    // A retry is answered with the first result, nothing written twice.
    const retried = await record('og-cnss', rows, idempotencyKey);
    expect(retried.body.data?.recordPathways).toMatchObject({ replayed: true, rows: [{ recordId: illnessId }] });

    const read = await postGraphQL<{ person: { longTermIllnesses: Record<string, unknown>[] } }>(
      gateway(),
      PATHWAY,
      { nationalId: 'ZZ000001' },
      await authAs('og-cnss', 'pathway:read'),
    );
    const illnesses = read.body.data?.person.longTermIllnesses ?? [];
    expect(illnesses.filter((i) => i.id === illnessId)).toEqual([
      { id: illnessId, code: 'DIABETE_T2', validFrom: TODAY, validUntil: day(364), protocolCode: 'PT_DIABETE' },
    ]);

    // The write's intent, before any subgraph call, and its outcome both name P01 and CNSS.
    const keyring = PseudonymKeyring.parse(inject('auditEnv').AUDIT_PSEUDONYM_KEYS);
    const events = (
      await audit.query<{ stage: string; outcome: string; subject_refs: string[]; organisms: string[] }>(
        'SELECT stage, outcome, subject_refs, organisms FROM audit_event WHERE request_id = $1 ORDER BY position',
        [requestId],
      )
    ).rows;
    expect(events.map((e) => [e.stage, e.outcome])).toEqual([
      ['INTENT', 'PENDING'],
      ['OUTCOME', 'OK'],
    ]);
    for (const event of events) {
      expect(event.subject_refs).toEqual([keyring.pseudonymise(p01)]);
      expect(event.organisms).toEqual(['CNSS']);
    }
  });

  it("refuses og-cnops a CNSS member's pathway with FORBIDDEN, the same as an unknown person, however the ref is hidden", async () => {
    const p01 = await refOf('ZZ000001');
    const illness = { aldCode: 'HTA_SEVERE', validFrom: TODAY, validUntil: day(30) };
    const answer = await record('og-cnops', [
      { personRef: p01, longTermIllness: illness },
      { personRef: randomUUID(), longTermIllness: illness },
    ]);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.recordPathways.rows.map((r) => [r.status, r.code])).toEqual([
      ['REFUSED', 'FORBIDDEN'],
      ['REFUSED', 'FORBIDDEN'],
    ]);
    // The batch in a variable's default value, behind a fragment and an alias: the registry is asked all the same.
    const hidden = `mutation ($b: PathwayBatchInput! = { idempotencyKey: "e2e-${RUN}-hidden", rows: [{ personRef: "${p01}", longTermIllness: { aldCode: "HTA_SEVERE", validFrom: "${TODAY}", validUntil: "${day(30)}" } }] }) { ...W }
      fragment W on Mutation { innocent: recordPathways(batch: $b) { rows { status code } } }`;
    const trick = await postGraphQL<{ innocent: { rows: { status: string; code: string }[] } }>(
      gateway(),
      hidden,
      {},
      await authAs('og-cnops', 'pathway:write'),
    );
    expect(trick.body.data?.innocent.rows).toEqual([{ status: 'REFUSED', code: 'FORBIDDEN' }]);
  });

  it("runs the root README's example mutation as written, its placeholders filled: it cannot drift from the schema", async () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## OGs record care pathways'));
    const example = /```graphql\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toContain('recordPathways');
    const p12 = await refOf('ZZ000012');
    const filled = (example ?? '')
      .replace('cnss-2026-12-03-0001', `e2e-${RUN}-readme`)
      .replace(/<ref[^>]*>/g, p12)
      .replace('<id>', randomUUID());
    const answer = await postGraphQL<{ recordPathways: { rows: RowResult[] } }>(
      gateway(),
      filled,
      {},
      await authAs('og-cnss', 'pathway:write'),
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.recordPathways.rows.map((r) => r.kind)).toEqual([
      'REFERRING_DOCTOR',
      'LONG_TERM_ILLNESS',
      'REFERRAL',
      'PRIOR_APPROVAL_DECISION',
    ]);
  });

  it('refuses a batch beyond the bound at the gateway with BAD_USER_INPUT, before anything is written', async () => {
    const rows = Array.from({ length: 501 }, () => ({
      personRef: randomUUID(),
      referringDoctor: { doctorInpe: 'ZZP00001', validFrom: TODAY },
    }));
    const answer = await record('og-cnss', rows);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BATCH_TOO_LARGE' });
  });

  it('a referral from the referring doctor makes a P07-like specialist visit compliant (R8)', async () => {
    const visit = day(1);
    expect(await eligibility('cabinet-zzp00003', 'ZZ000007', 'ZZP00003', 'SPECIALIST_CONSULTATION', visit)).toMatchObject({
      outcome: 'OUT_OF_PATHWAY',
    });
    const p07 = await refOf('ZZ000007');
    const answer = await record('og-cnss', [
      { personRef: p07, referral: { fromInpe: 'ZZP00001', toInpe: 'ZZP00003', issuedOn: TODAY, validUntil: day(30) } },
    ]);
    expect(answer.body.data?.recordPathways.rows).toEqual([expect.objectContaining({ kind: 'REFERRAL', status: 'APPLIED' })]);
    expect(await eligibility('cabinet-zzp00003', 'ZZ000007', 'ZZP00003', 'SPECIALIST_CONSULTATION', visit)).toMatchObject({
      outcome: 'ELIGIBLE',
      pathway: { inPathway: true },
    });
    // The persona's own check, on its day, is still out of pathway.
    expect(await eligibility('cabinet-zzp00003', 'ZZ000007', 'ZZP00003', 'SPECIALIST_CONSULTATION', '2026-03-02')).toMatchObject({
      outcome: 'OUT_OF_PATHWAY',
    });
  });

  it('hopital-zzp00004 asks a prior approval for P11, addressed to CNSS; og-cnss grants it; the desk then sees it granted', async () => {
    const p11 = await refOf('ZZ000011', 'hopital-zzp00004', 'records:read');
    const hospital = await authAs('hopital-zzp00004', 'pathway:request');
    const input = { personRef: p11, careType: 'HOSPITALISATION', plannedOn: day(7), idempotencyKey: `e2e-${RUN}-p11-request` };
    const asked = await postGraphQL<{
      requestPriorApproval: { replayed: boolean; request: { id: string; organism: string; status: string } };
    }>(gateway(), REQUEST, { input }, hospital);
    expect(asked.body.errors).toBeUndefined();
    const request = asked.body.data?.requestPriorApproval.request;
    expect(request).toMatchObject({ organism: 'CNSS', status: 'REQUESTED' });
    const again = await postGraphQL<{ requestPriorApproval: { replayed: boolean; request: { id: string } } }>(
      gateway(),
      REQUEST,
      { input },
      hospital,
    );
    expect(again.body.data?.requestPriorApproval).toEqual({ replayed: true, request: expect.objectContaining({ id: request?.id }) });

    // A person covered by two OGs (P05): a double registration, refused.
    const p05 = await refOf('ZZ000005', 'hopital-zzp00004', 'records:read');
    const doubled = await postGraphQL(
      gateway(),
      REQUEST,
      { input: { ...input, personRef: p05, idempotencyKey: `e2e-${RUN}-p05` } },
      hospital,
    );
    expect(doubled.body.errors?.[0]?.extensions).toMatchObject({
      code: 'DUPLICATE_REGISTRATION',
      reason: 'PRIOR_APPROVAL_DOUBLE_REGISTRATION',
    });

    // CNSS finds it among the requests addressed to it; CNOPS neither sees nor decides it.
    type Listed = {
      priorApprovalRequests: { nodes: { id: string; status: string; validFrom: string | null; validUntil: string | null }[] };
    };
    const pending = await postGraphQL<Listed>(gateway(), REQUESTS, { status: 'REQUESTED' }, await authAs('og-cnss', 'pathway:write'));
    expect(pending.body.data?.priorApprovalRequests.nodes.map((n) => n.id)).toContain(request?.id);
    const cnops = await postGraphQL<Listed>(gateway(), REQUESTS, {}, await authAs('og-cnops', 'pathway:write'));
    expect(cnops.body.data?.priorApprovalRequests.nodes.map((n) => n.id)).not.toContain(request?.id);
    const grant = { requestId: request?.id, decision: 'GRANTED', validFrom: day(7), validUntil: day(37) };
    expect((await record('og-cnops', [{ personRef: p11, priorApprovalDecision: grant }])).body.data?.recordPathways.rows[0]).toMatchObject({
      status: 'REFUSED',
      code: 'FORBIDDEN',
    });
    const granted = await record('og-cnss', [{ personRef: p11, priorApprovalDecision: grant }]);
    expect(granted.body.data?.recordPathways.rows[0]).toMatchObject({ status: 'APPLIED', recordId: request?.id });

    const mine = await postGraphQL<Listed>(gateway(), REQUESTS, {}, hospital);
    expect(mine.body.data?.priorApprovalRequests.nodes.find((n) => n.id === request?.id)).toMatchObject({
      status: 'GRANTED',
      validFrom: day(7),
      validUntil: day(37),
    });
    expect(await eligibility('hopital-zzp00004', 'ZZ000011', 'ZZP00004', 'HOSPITALISATION', day(8))).toMatchObject({
      outcome: 'ELIGIBLE',
      pathway: { priorApprovalRequired: true, priorApprovalGranted: true },
    });
  });
});
