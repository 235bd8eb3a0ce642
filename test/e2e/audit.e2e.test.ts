import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-expect-error plain ESM helpers shared with the scripts
import { startGateway } from '../../scripts/lib/federation.mjs';
// @ts-expect-error plain ESM helper shared with the scripts
import { freePort } from '../../scripts/lib/postgres.mjs';
import personasFile from '../fixtures/personas.json';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

const QUERY = /* GraphQL */ `query ($i: EligibilityInput!) { eligibility(input: $i) { outcome } }`;

interface AuditRow {
  seq: string;
  writer_id: string;
  client_id: string;
  decision: string;
  outcome: string;
  subjects: string;
  body: string;
  previous_hash: string;
  hash: string;
}

const subjectOf = (nationalId: string) => createHmac('sha256', Buffer.from(inject('gatewayEnv').AUDIT_PSEUDONYM_KEY ?? '', 'utf8')).update(nationalId).digest('hex');

describe('audit trail of personal-data access', () => {
  let audit: Client;
  beforeAll(async () => {
    audit = new Client({ connectionString: inject('gatewayEnv').AUDIT_DATABASE_URL });
    await audit.connect();
  });
  afterAll(() => audit?.end());

  const eventsOf = async (requestId: string) => (await audit.query<AuditRow>('SELECT * FROM audit_event WHERE request_id = $1', [requestId])).rows;

  it.each(personasFile.personas.map((p) => [p.id, p] as const))('records exactly one event for the check of persona %s, committed before the answer', async (_id, persona) => {
    const requestId = `audit-${randomUUID()}`;
    const answer = await postGraphQL(inject('gatewayUrl'), QUERY, { i: { nationalId: persona.nationalId, providerInpe: persona.providerInpe, date: persona.date, careType: persona.careType } }, { ...(await authAs(persona.clientId)), 'x-request-id': requestId });
    expect(answer.status).toBe(200);
    const events = await eventsOf(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ client_id: persona.clientId, decision: 'ALLOWED', outcome: 'OK', subjects: subjectOf(persona.nationalId) });
    expect(events[0]?.body).not.toContain(persona.nationalId);
    expect(events[0]?.body).not.toContain(persona.expectedOutcome === 'ELIGIBLE' ? '"eligible"' : persona.expectedOutcome);
  });

  it('records a refused access', async () => {
    const requestId = `audit-${randomUUID()}`;
    await postGraphQL(inject('gatewayUrl'), QUERY, { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001' } }, { ...(await authAs('test-no-scope', '')), 'x-request-id': requestId });
    const events = await eventsOf(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ client_id: 'test-no-scope', decision: 'REFUSED', outcome: 'FORBIDDEN', subjects: subjectOf('ZZ000001') });
  });

  it('chains every writer\'s events by hash, so a change, removal or reordering shows', async () => {
    const { rows } = await audit.query<AuditRow>('SELECT * FROM audit_event ORDER BY writer_id, seq');
    expect(rows.length).toBeGreaterThan(10);
    const heads = new Map<string, string>();
    for (const row of rows) {
      expect(row.previous_hash).toBe(heads.get(row.writer_id) ?? '0'.repeat(64));
      expect(row.hash).toBe(createHash('sha256').update(row.previous_hash).update('\n').update(row.body).digest('hex'));
      heads.set(row.writer_id, row.hash);
    }
  });
});

describe('when the audit store is unavailable', () => {
  let gateway: { url: string; stop: () => Promise<void> };
  beforeAll(async () => {
    const dead = `postgres://cmb@127.0.0.1:${await freePort()}/cmb_audit`;
    gateway = await startGateway({ port: await freePort(), subgraphUrls: inject('subgraphUrls'), quiet: true, env: { ...inject('gatewayEnv'), AUDIT_DATABASE_URL: dead } });
  });
  afterAll(() => gateway?.stop());

  it('refuses personal-data operations with AUDIT_UNAVAILABLE (fail closed), nothing of the data returned', async () => {
    const answer = await postGraphQL(gateway.url, QUERY, { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02' } }, await authAs('cabinet-zzp00001'));
    expect(answer.status).toBe(503);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('AUDIT_UNAVAILABLE');
  });

  it('still serves reference data, which holds no personal data', async () => {
    const answer = await postGraphQL(gateway.url, '{ aldList { code } }', {}, await authAs('cabinet-zzp00001', 'pathway:read'));
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });
});
