import { randomBytes, randomUUID } from 'node:crypto';
import {
  AUDIT_TEXT_MAX_LENGTH,
  openAuditDatabase,
  parseCanonicalEvent,
  PseudonymKeyring,
  readAuditEnvironment,
  verifyAuditStore,
  type AuditDatabase,
} from '@cmb/audit-store';
import { SERVED_PERSONS_EXTENSION, syntheticPersonRef } from '@cmb/kit';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway } from '../../scripts/lib/federation.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';
import { MAX_NAMED_PERSONS } from '../../gateway/src/pipeline/graphql/record-access-audit';
import personasFile from '../fixtures/personas.json';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

const QUERY = /* GraphQL */ `
  query ($i: EligibilityInput!) {
    eligibility(input: $i) {
      outcome
    }
  }
`;
const DOCUMENTS = /* GraphQL */ `
  query ($nationalId: String!, $breakGlass: BreakGlassInput) {
    person(nationalId: $nationalId) {
      documents(breakGlass: $breakGlass) {
        totalCount
      }
    }
  }
`;

interface AuditRow {
  writer_id: string;
  client_id: string;
  decision: string;
  outcome: string;
  subjects: string[];
  body: string;
}

const keyring = () => PseudonymKeyring.parse(inject('auditEnv').AUDIT_PSEUDONYM_KEYS);

describe('audit trail of personal-data access', () => {
  let audit: Client;
  beforeAll(async () => {
    audit = new Client({ connectionString: inject('auditAdminUrl') });
    await audit.connect();
  });
  afterAll(() => audit?.end());

  const eventsOf = async (requestId: string) =>
    (await audit.query<AuditRow>('SELECT * FROM audit_event WHERE request_id = $1', [requestId])).rows;

  it.each(personasFile.personas.map((p) => [p.id, p] as const))(
    'records exactly one event for the check of persona %s, committed before the answer',
    async (_id, persona) => {
      const requestId = `audit-${randomUUID()}`;
      const answer = await postGraphQL(
        inject('gatewayUrl'),
        QUERY,
        { i: { nationalId: persona.nationalId, providerInpe: persona.providerInpe, date: persona.date, careType: persona.careType } },
        { ...(await authAs(persona.clientId)), 'x-request-id': requestId },
      );
      expect(answer.status).toBe(200);
      const events = await eventsOf(requestId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        client_id: persona.clientId,
        decision: 'ALLOWED',
        outcome: 'OK',
        subjects: [keyring().pseudonymise(persona.nationalId)],
      });
      const body = JSON.parse(events[0]!.body);
      expect(body).toMatchObject({
        operationHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        fieldPaths: ['eligibility'],
        purposes: expect.arrayContaining(['eligibility:check']),
        pseudonymKey: 'e2e',
      });
      expect(body.subgraphs).toContain('beneficiaries');
      expect(body.tokenId).toEqual(expect.any(String));
      expect(events[0]?.body).not.toContain(persona.nationalId);
      expect(events[0]?.body).not.toContain(persona.expectedOutcome);
    },
  );

  it("finds the subject in a variable of any name, and keeps a client's alias out of the trail", async () => {
    const requestId = `audit-${randomUUID()}`;
    const query =
      'query ($cin: String!) { ZZ000002: eligibility(input: { nationalId: $cin, providerInpe: "ZZP00001", date: "2026-03-02" }) { outcome } }';
    const answer = await postGraphQL(
      inject('gatewayUrl'),
      query,
      { cin: 'ZZ000001' },
      { ...(await authAs('cabinet-zzp00001')), 'x-request-id': requestId },
    );
    expect(answer.status).toBe(200);
    const events = await eventsOf(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]?.subjects).toEqual([keyring().pseudonymise('ZZ000001')]);
    expect(JSON.parse(events[0]!.body).fieldPaths).toEqual(['eligibility']);
    expect(events[0]?.body).not.toContain('ZZ000002');
  });

  it('records a refused access, with no subgraph called', async () => {
    const requestId = `audit-${randomUUID()}`;
    await postGraphQL(
      inject('gatewayUrl'),
      QUERY,
      { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001' } },
      { ...(await authAs('test-no-scope', '')), 'x-request-id': requestId },
    );
    const events = await eventsOf(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      client_id: 'test-no-scope',
      decision: 'REFUSED',
      outcome: 'FORBIDDEN',
      subjects: [keyring().pseudonymise('ZZ000001')],
    });
    expect(JSON.parse(events[0]!.body).subgraphs).toEqual([]);
  });

  it('records an operation the gateway refused as invalid, before any subgraph, as refused with nothing served', async () => {
    const requestId = `audit-${randomUUID()}`;
    const answer = await postGraphQL(
      inject('gatewayUrl'),
      QUERY,
      { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', careType: 'NOT_A_CARE_TYPE' } },
      { ...(await authAs('cabinet-zzp00001')), 'x-request-id': requestId },
    );
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const events = await eventsOf(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ decision: 'REFUSED', outcome: 'BAD_USER_INPUT', subjects: [keyring().pseudonymise('ZZ000001')] });
    const body = JSON.parse(events[0]!.body);
    expect(body).toMatchObject({ fieldPaths: [], refusedFieldPaths: ['eligibility'], subgraphs: [] });
  });

  it('records a break-glass access as such', async () => {
    const requestId = `audit-${randomUUID()}`;
    const answer = await postGraphQL(
      inject('gatewayUrl'),
      DOCUMENTS,
      { nationalId: 'ZZ000011', breakGlass: { justification: 'Synthetic emergency: unconscious patient admitted, allergies unknown.' } },
      { ...(await authAs('hopital-zzp00004', 'records:break-glass')), 'x-request-id': requestId },
    );
    expect(answer.body.errors).toBeUndefined();
    const events = await eventsOf(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ client_id: 'hopital-zzp00004', decision: 'BREAK_GLASS', outcome: 'OK' });
    expect(events[0]?.body).not.toContain('allergies');
  });

  it('names only the operation that runs: another operation of the document adds no field, no person and no break-glass', async () => {
    const requestId = `audit-${randomUUID()}`;
    const query = [
      'query Check($i: EligibilityInput!) { eligibility(input: $i) { outcome } }',
      'query NeverRun { person(nationalId: "ZZ000011") { ...Docs } }',
      'fragment Docs on Person { documents(breakGlass: { justification: "Synthetic: a second operation, never run." }) { totalCount } }',
    ].join(' ');
    const response = await fetch(inject('gatewayUrl'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authAs('cabinet-zzp00001')), 'x-request-id': requestId },
      body: JSON.stringify({
        query,
        operationName: 'Check',
        variables: { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02' } },
      }),
    });
    await response.body?.cancel();
    const events = await eventsOf(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]?.subjects).toEqual([keyring().pseudonymise('ZZ000001')]);
    expect(events[0]?.decision).not.toBe('BREAK_GLASS');
    const body = JSON.parse(events[0]!.body);
    expect([...body.fieldPaths, ...body.refusedFieldPaths]).toEqual(['eligibility']);
  });

  it('names at most MAX_NAMED_PERSONS persons of a refused write, however many it lists', async () => {
    const requestId = `audit-${randomUUID()}`;
    const rows = Array.from({ length: MAX_NAMED_PERSONS + 200 }, () => ({ personRef: randomUUID() }));
    const answer = await postGraphQL(
      inject('gatewayUrl'),
      'mutation ($batch: PathwayBatchInput!) { recordPathways(batch: $batch) { applied } }',
      { batch: { idempotencyKey: requestId, rows } },
      { ...(await authAs('test-no-scope', '')), 'x-request-id': requestId },
    );
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const events = await eventsOf(requestId);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event.decision).toBe('REFUSED');
      expect(JSON.parse(event.body).subjectRefs).toHaveLength(MAX_NAMED_PERSONS);
    }
  });

  it("keeps every writer's chain intact and sealed by signed checkpoints", async () => {
    const environment = readAuditEnvironment({ ...inject('auditEnv'), NODE_ENV: 'production' });
    const db: AuditDatabase = openAuditDatabase(environment.database);
    try {
      const report = await verifyAuditStore(db, environment.trusted);
      expect(report.findings).toEqual([]);
      expect(report.writers.reduce((n, w) => n + w.events, 0)).toBeGreaterThan(10);
    } finally {
      await db.close();
    }
  });

  it("gives the gateway's role INSERT and SELECT only: it can neither change nor delete an event", async () => {
    const gatewayRole = new Client({ connectionString: inject('gatewayEnv').AUDIT_DATABASE_URL });
    await gatewayRole.connect();
    try {
      await expect(gatewayRole.query("UPDATE audit_event SET decision = 'ALLOWED' WHERE decision = 'REFUSED'")).rejects.toThrow(
        /permission denied/,
      );
      await expect(gatewayRole.query('DELETE FROM audit_event')).rejects.toThrow(/permission denied/);
      await expect(gatewayRole.query('DELETE FROM audit_checkpoint')).rejects.toThrow(/permission denied/);
      expect((await gatewayRole.query('SELECT COUNT(*)::int AS n FROM audit_event')).rows[0].n).toBeGreaterThan(0);
    } finally {
      await gatewayRole.end();
    }
  });

  it("refuses even the store's owner an UPDATE: the table is append-only", async () => {
    await expect(audit.query("UPDATE audit_event SET outcome = 'OK' WHERE outcome <> 'OK'")).rejects.toThrow(/append-only/);
  });

  it('partitions the events by month', async () => {
    const { rows } = await audit.query<{ name: string }>(
      "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'audit_event' AND c.relkind = 'r'",
    );
    const month = new Date().toISOString().slice(0, 7).replace('-', 'm');
    expect(rows.map((r) => r.name)).toContain(`audit_event_y${month}`);
    const { rows: current } = await audit.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM audit_event_y${month}`);
    expect(current[0]?.n).toBeGreaterThan(0);
  });
});

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterDocumentInput!) {
    registerDocument(input: $input) {
      id
    }
  }
`;
const POINTER = /* GraphQL */ `
  query Pointer($id: ID!) {
    documentPointer(id: $id) {
      id
      title
    }
  }
`;
const WITHDRAW = /* GraphQL */ `
  mutation Withdraw($id: ID!) {
    withdrawDocument(id: $id, reason: "Erreur de dossier (e2e audit)") {
      id
    }
  }
`;

/** A pointer to register for persona ZZ000012 (CNSS), kept by clinic ZZP00010, written by its attached doctor. */
function registration() {
  return {
    personRef: syntheticPersonRef('ZZ000012'),
    type: 'CONSULTATION_NOTE',
    title: 'Compte rendu de consultation (e2e audit)',
    authorInpe: 'ZZP00001',
    custodianInpe: 'ZZP00010',
    repositoryUrl: 'https://dmp.example.invalid/documents/e2e-audit',
    sha256: randomBytes(32).toString('hex'),
    sizeBytes: 2_048,
    mimeType: 'application/pdf',
    confidentiality: 'NORMAL',
    serviceDate: '2026-02-20',
  };
}

interface EventRow extends AuditRow {
  event_id: string;
  position: number;
  request_id: string;
  operation_name: string | null;
  subject_refs: string[] | null;
  organisms: string[] | null;
  stage: string | null;
}

describe('the audit names every person touched, whatever the way in', () => {
  let audit: Client;
  beforeAll(async () => {
    audit = new Client({ connectionString: inject('auditAdminUrl') });
    await audit.connect();
    // The doctor registers pointers for ZZ000012 below: within the care relationship its own ELIGIBLE check opens.
    const check = await postGraphQL<{ eligibility: { outcome: string } }>(
      inject('gatewayUrl'),
      'query ($input: EligibilityInput!) { eligibility(input: $input) { outcome } }',
      { input: { nationalId: 'ZZ000012', providerInpe: 'ZZP00001', date: '2026-03-02', careType: 'CONSULTATION' } },
      await authAs('cabinet-zzp00001', 'eligibility:check'),
    );
    expect(check.body.data?.eligibility.outcome).toBe('ELIGIBLE');
  });
  afterAll(() => audit?.end());

  const eventsOf = async (requestId: string) =>
    (await audit.query<EventRow>('SELECT * FROM audit_event WHERE request_id = $1 ORDER BY writer_id, position', [requestId])).rows;
  const bodyOf = (row: EventRow) => parseCanonicalEvent(row.body).event;
  const as = async (clientId: string, scope: string, requestId: string) => ({
    ...(await authAs(clientId, scope)),
    'x-request-id': requestId,
  });
  const person12 = () => ({
    ref: keyring().pseudonymise(syntheticPersonRef('ZZ000012')),
    nationalId: keyring().pseudonymise('ZZ000012'),
  });

  it('names the person of a document registered, read by id and withdrawn: by ref, by national id, with the organisms covering them; the client never sees the report', async () => {
    const ids = { register: `audit-reg-${randomUUID()}`, read: `audit-read-${randomUUID()}`, withdraw: `audit-wd-${randomUUID()}` };
    const registered = await postGraphQL<{ registerDocument: { id: string } }>(
      inject('gatewayUrl'),
      REGISTER,
      { input: registration() },
      await as('cabinet-zzp00001', 'records:write', ids.register),
    );
    expect(registered.body.errors).toBeUndefined();
    const id = registered.body.data?.registerDocument.id ?? '';
    const read = await postGraphQL(inject('gatewayUrl'), POINTER, { id }, await as('clinique-zzp00010', 'records:read', ids.read));
    expect(read.body.errors).toBeUndefined();
    const withdrawn = await postGraphQL(
      inject('gatewayUrl'),
      WITHDRAW,
      { id },
      await as('cabinet-zzp00001', 'records:write', ids.withdraw),
    );
    expect(withdrawn.body.errors).toBeUndefined();
    for (const answer of [registered, read, withdrawn]) expect(JSON.stringify(answer.body)).not.toContain(SERVED_PERSONS_EXTENSION);

    const { ref, nationalId } = person12();
    for (const requestId of Object.values(ids)) {
      const served = (await eventsOf(requestId)).at(-1);
      expect(served).toMatchObject({ subject_refs: [ref], organisms: ['CNSS'], decision: 'ALLOWED', outcome: 'OK' });
      expect(served?.subjects).toContain(nationalId);
      expect(served?.body).not.toContain('ZZ000012');
      expect(served?.body).not.toContain(syntheticPersonRef('ZZ000012'));
    }
  });

  it('leaves two events for a mutation, linked by event id: its intent, committed before any subgraph is called, and its outcome', async () => {
    const requestId = `audit-intent-${randomUUID()}`;
    const answer = await postGraphQL(
      inject('gatewayUrl'),
      REGISTER,
      { input: registration() },
      await as('cabinet-zzp00001', 'records:write', requestId),
    );
    expect(answer.body.errors).toBeUndefined();
    const [intent, outcome] = await eventsOf(requestId);
    expect(intent?.writer_id).toBe(outcome?.writer_id);
    expect(Number(intent?.position)).toBeLessThan(Number(outcome?.position));
    expect(intent).toMatchObject({ stage: 'INTENT', outcome: 'PENDING', subject_refs: [person12().ref] });
    expect(bodyOf(intent!)).toMatchObject({ stage: 'INTENT', subgraphs: [], fieldPaths: ['registerDocument'], intentEventId: null });
    expect(outcome).toMatchObject({ stage: 'OUTCOME', outcome: 'OK' });
    expect(bodyOf(outcome!)).toMatchObject({ intentEventId: intent?.event_id, subgraphs: expect.arrayContaining(['medical-records']) });
  });

  it("names a person's dependants served beside them", async () => {
    const requestId = `audit-dependants-${randomUUID()}`;
    const answer = await postGraphQL(
      inject('gatewayUrl'),
      '{ person(nationalId: "ZZ000001") { ref dependants { ref } } }',
      {},
      await as('og-cnss', 'beneficiary:read', requestId),
    );
    expect(answer.body.errors).toBeUndefined();
    const dependants = (answer.body.data as { person: { dependants: unknown[] } }).person.dependants;
    expect(dependants.length).toBeGreaterThan(0);
    const [event] = await eventsOf(requestId);
    expect(event?.subjects).toEqual(expect.arrayContaining([keyring().pseudonymise('ZZ000001'), keyring().pseudonymise('ZZ000009')]));
    expect(event?.subject_refs).toHaveLength(1 + dependants.length);
    expect(event?.organisms).toContain('CNSS');
  });

  it('keeps the fields served apart from a field a subgraph refused', async () => {
    const requestId = `audit-partly-${randomUUID()}`;
    const answer = await postGraphQL(
      inject('gatewayUrl'),
      '{ person(nationalId: "ZZ000013") { ref documents { totalCount } } }',
      {},
      await as('cabinet-zzp00003', 'records:read', requestId),
    );
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CARE_RELATIONSHIP_REQUIRED' });
    const [event] = await eventsOf(requestId);
    expect(event?.decision).toBe('REFUSED');
    expect(bodyOf(event!)).toMatchObject({ fieldPaths: ['person'], refusedFieldPaths: ['person.documents'] });
  });

  it('records as allowed a read served under one alias while another alias was refused (it was recorded REFUSED)', async () => {
    const requestId = `audit-aliases-${randomUUID()}`;
    const answer = await postGraphQL(
      inject('gatewayUrl'),
      '{ a: person(nationalId: "ZZ000013") { ref } b: person(nationalId: "ZZ000013") { documents { totalCount } } }',
      {},
      await as('cabinet-zzp00003', 'records:read', requestId),
    );
    expect(answer.body.data?.a).toMatchObject({ ref: expect.any(String) });
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CARE_RELATIONSHIP_REQUIRED' });
    const [event] = await eventsOf(requestId);
    expect(event?.decision).toBe('ALLOWED');
    expect(bodyOf(event!)).toMatchObject({ fieldPaths: ['person'], refusedFieldPaths: ['person.documents'] });
  });

  it('keeps the operation name bounded, any national id in it as its pseudonym; a request id naming one is replaced', async () => {
    const requestId = `req-ZZ000001-${randomUUID().slice(0, 8)}`;
    const name = `Check_ZZ000001_${'x'.repeat(300)}`;
    const answer = await postGraphQL(
      inject('gatewayUrl'),
      `query ${name}($i: EligibilityInput!) { eligibility(input: $i) { outcome } }`,
      { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02' } },
      { ...(await authAs('cabinet-zzp00001')), 'x-request-id': requestId },
    );
    expect(answer.status).toBe(200);
    const pseudonym = keyring().pseudonymise('ZZ000001');
    // The request id travels in clear to logs and subgraphs: one shaped like a national id is not kept.
    const assigned = answer.headers.get('x-request-id') ?? '';
    expect(assigned).toMatch(/^[0-9a-f-]{36}$/);
    expect(await eventsOf(requestId.replace('ZZ000001', `#${pseudonym}`))).toEqual([]);
    const [event] = await eventsOf(assigned);
    expect(event?.operation_name).toHaveLength(AUDIT_TEXT_MAX_LENGTH);
    expect(event?.operation_name?.startsWith(`Check_#${pseudonym}_xxx`)).toBe(true);
    expect(event?.body).not.toContain('ZZ000001');
  });
});

describe('when the audit store is unavailable', () => {
  let gateway: { url: string; metricsUrl: string; stop: () => Promise<void> };
  beforeAll(async () => {
    const dead = `postgres://cmb@127.0.0.1:${await freePort()}/cmb_audit`;
    gateway = await startGateway({
      port: await freePort(),
      subgraphUrls: inject('subgraphUrls'),
      quiet: true,
      env: { ...inject('gatewayEnv'), AUDIT_DATABASE_URL: dead },
    });
  });
  afterAll(() => gateway?.stop());

  it('refuses personal-data operations with AUDIT_UNAVAILABLE (fail closed), nothing of the data returned', async () => {
    const answer = await postGraphQL(
      gateway.url,
      QUERY,
      { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02' } },
      await authAs('cabinet-zzp00001'),
    );
    expect(answer.status).toBe(503);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('AUDIT_UNAVAILABLE');
  });

  it('runs no mutation whose intent cannot be committed: nothing is written', async () => {
    const input = registration();
    const answer = await postGraphQL(gateway.url, REGISTER, { input }, await authAs('cabinet-zzp00001', 'records:write'));
    expect(answer.status).toBe(503);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('AUDIT_UNAVAILABLE');
    const url = new URL(inject('e2ePostgresUrl'));
    url.pathname = '/cmb_medical_records';
    const records = new Client({ connectionString: url.toString() });
    await records.connect();
    try {
      const { rows } = await records.query('SELECT COUNT(*)::int AS n FROM document_pointer WHERE sha256 = $1', [input.sha256]);
      expect(rows[0]?.n).toBe(0);
    } finally {
      await records.end();
    }
  });

  it('counts each refused wait as a failed commit, none as committed', async () => {
    const failed = (metrics: string) =>
      Number(/^cmb_gateway_audit_commit_seconds_count\{outcome="failed"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
    const before = await (await fetch(gateway.metricsUrl)).text();
    const answer = await postGraphQL(
      gateway.url,
      QUERY,
      { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02' } },
      await authAs('cabinet-zzp00001'),
    );
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('AUDIT_UNAVAILABLE');
    const after = await (await fetch(gateway.metricsUrl)).text();
    // This gateway serves only this file's requests: exactly one more failed commit, and never an ok one.
    expect(failed(after)).toBe(failed(before) + 1);
    expect(after).not.toMatch(/^cmb_gateway_audit_commit_seconds_count\{outcome="ok"\}/m);
  });

  it('reports itself not ready, naming the audit store', async () => {
    const ready = await fetch(gateway.url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not ready', auditStore: false });
  });

  it('still serves reference data, which holds no personal data', async () => {
    const answer = await postGraphQL(gateway.url, '{ aldList { code } }', {}, await authAs('cabinet-zzp00001', 'pathway:read'));
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });
});

describe('two gateways given the same writer id', () => {
  const writerId = `cmb_gateway_audit:shared-writer-${randomUUID().slice(0, 8)}`;
  let first: { url: string; stop: () => Promise<void> };
  let second: { url: string; stop: () => Promise<void> };
  beforeAll(async () => {
    const env = { ...inject('gatewayEnv'), AUDIT_WRITER_ID: writerId };
    first = await startGateway({ port: await freePort(), subgraphUrls: inject('subgraphUrls'), quiet: true, env });
    // The first holds the writer's lock from its start; its first event shows it is up.
    await postGraphQL(
      first.url,
      QUERY,
      { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02' } },
      await authAs('cabinet-zzp00001'),
    );
    second = await startGateway({ port: await freePort(), subgraphUrls: inject('subgraphUrls'), quiet: true, env });
  });
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
  });

  it('lets only one append to the chain, so the chain never forks: the other fails closed', async () => {
    const check = { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02' } };
    const headers = await authAs('cabinet-zzp00001');
    expect((await postGraphQL(first.url, QUERY, check, headers)).status).toBe(200);
    const refused = await postGraphQL(second.url, QUERY, check, headers);
    expect(refused.status).toBe(503);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('AUDIT_UNAVAILABLE');
    expect((await fetch(second.url.replace('/graphql', '/readyz'))).status).toBe(503);
    expect((await fetch(first.url.replace('/graphql', '/readyz'))).status).toBe(200);
  });
});
