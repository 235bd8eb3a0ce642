import { randomUUID } from 'node:crypto';
import { openAuditDatabase, TrustedKeys, verifyWriter } from '@cmb/audit-store';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway } from '../../scripts/lib/federation.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

const QUERY = /* GraphQL */ `
  query ($i: EligibilityInput!) {
    eligibility(input: $i) {
      outcome
    }
  }
`;
const CHECK = { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02' } };

interface RunningGateway {
  url: string;
  child: { kill: (signal: string) => void; once: (event: string, listener: () => void) => void; exitCode: number | null };
  stop: () => Promise<void>;
}

/**
 * Sends eligibility checks from `workers` loops until `stop()`, keeping the
 * request id of every answer the client fully received with its data.
 */
function loadUntilStopped(url: string, headers: Record<string, string>, workers: number) {
  const received: string[] = [];
  let running = true;
  let sent = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (running && sent < 20_000) {
      sent += 1;
      const requestId = `crash-${randomUUID()}`;
      try {
        const answer = await postGraphQL<{ eligibility: { outcome: string } }>(url, QUERY, CHECK, {
          ...headers,
          'x-request-id': requestId,
        });
        if (answer.status === 200 && answer.body.data?.eligibility.outcome === 'ELIGIBLE') received.push(requestId);
      } catch {
        // The connection died with the gateway: this client received nothing.
      }
    }
  });
  return {
    received,
    sent: () => sent,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

describe('audit durability when the gateway is killed', () => {
  // Bound to the gateway's audit login (row-level security): `<login>:...`.
  const writerId = `cmb_gateway_audit:crash-test-${randomUUID().slice(0, 8)}`;
  let audit: Client;
  beforeAll(async () => {
    audit = new Client({ connectionString: inject('auditAdminUrl') });
    await audit.connect();
  });
  afterAll(() => audit?.end());

  const start = async (port: number) =>
    (await startGateway({
      port,
      subgraphUrls: inject('subgraphUrls'),
      quiet: true,
      env: { ...inject('gatewayEnv'), AUDIT_WRITER_ID: writerId, AUDIT_CHECKPOINT_EVERY: '50' },
    })) as RunningGateway;

  it('loses no event of an answer the client received: kill -9 under load, restart, every request id is in the trail and the chain continues', async () => {
    const port = await freePort();
    const headers = await authAs('cabinet-zzp00001');
    const first = await start(port);
    const load = loadUntilStopped(first.url, headers, 8);
    // Kill once the load is well under way, never before a bounded number of requests.
    const deadline = Date.now() + 20_000;
    while (load.received.length < 150 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    // Stall the store (as a slow disk would) and kill the gateway while its commits wait: an answer sent
    // before its event was committed would now be lost.
    const staller = new Client({ connectionString: inject('auditAdminUrl') });
    await staller.connect();
    await staller.query('BEGIN');
    await staller.query('LOCK TABLE audit_event IN SHARE MODE');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const killed = new Promise<void>((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await killed;
    await staller.query('ROLLBACK');
    await staller.end();
    await load.stop();
    expect(load.received.length).toBeGreaterThanOrEqual(150);

    const { rows } = await audit.query<{ request_id: string }>(
      'SELECT request_id FROM audit_event WHERE writer_id = $1 AND request_id = ANY($2)',
      [writerId, load.received],
    );
    const recorded = new Set(rows.map((r) => r.request_id));
    expect(load.received.filter((id) => !recorded.has(id))).toEqual([]);
    expect(rows).toHaveLength(load.received.length);

    // The restarted gateway continues the same chain from its last committed link.
    const second = await start(port);
    const after = `crash-${randomUUID()}`;
    const answer = await postGraphQL(second.url, QUERY, CHECK, { ...headers, 'x-request-id': after });
    expect(answer.status).toBe(200);
    await second.stop();

    const db = openAuditDatabase({ url: inject('auditAdminUrl') });
    try {
      const trusted = TrustedKeys.parse(readFileSync(inject('auditEnv').AUDIT_TRUSTED_KEYS_FILE, 'utf8'));
      const report = await verifyWriter(db, writerId, trusted);
      expect(report.finding).toBeNull();
      expect(report.events).toBeGreaterThanOrEqual(load.received.length + 1);
      // The graceful stop sealed the chain: nothing left unsealed.
      expect(report.unsealed).toBe(0);
    } finally {
      await db.close();
    }
  });
});
