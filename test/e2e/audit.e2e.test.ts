import { randomUUID } from 'node:crypto';
import { openAuditDatabase, PseudonymKeyring, readAuditEnvironment, verifyAuditStore, type AuditDatabase } from '@cmb/audit-store';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-expect-error plain ESM helpers shared with the scripts
import { startGateway } from '../../scripts/lib/federation.mjs';
// @ts-expect-error plain ESM helper shared with the scripts
import { freePort } from '../../scripts/lib/postgres.mjs';
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

describe('when the audit store is unavailable', () => {
  let gateway: { url: string; stop: () => Promise<void> };
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
  const writerId = `shared-writer-${randomUUID().slice(0, 8)}`;
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
