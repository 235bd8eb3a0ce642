import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditDatabase, TrustedKeys, verifyAuditStore } from '@cmb/audit-store';
import { describe, expect, inject, it } from 'vitest';
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

describe('graceful shutdown', () => {
  it('drains the requests in flight on SIGTERM, then exits cleanly', async () => {
    const gateway = (await startGateway({
      port: await freePort(),
      subgraphUrls: inject('subgraphUrls'),
      quiet: true,
      env: inject('gatewayEnv'),
    })) as {
      url: string;
      child: { kill: (signal: string) => void; once: (event: string, listener: (code: number | null) => void) => void };
    };
    const headers = await authAs('cabinet-zzp00001');
    const exited = new Promise<number | null>((resolve) => gateway.child.once('exit', resolve));
    const inFlight = Array.from({ length: 20 }, () =>
      postGraphQL<{ eligibility: { outcome: string } }>(
        gateway.url,
        QUERY,
        { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02' } },
        headers,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    gateway.child.kill('SIGTERM');
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.every((a) => a.body.data?.eligibility.outcome === 'ELIGIBLE')).toBe(true);
    expect(await exited).toBe(0);
    await expect(fetch(gateway.url.replace('/graphql', '/healthz'))).rejects.toThrow();
  });
});

describe('graceful shutdown with the embedded audit store', () => {
  it('seals the audit chain before exiting, even when nothing else keeps the process alive (SQLite, no pool)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmb-audit-shutdown-'));
    try {
      const sqlitePath = join(dir, 'audit.sqlite');
      const { AUDIT_DATABASE_URL: _postgres, ...env } = inject('gatewayEnv');
      const gateway = (await startGateway({
        port: await freePort(),
        subgraphUrls: inject('subgraphUrls'),
        quiet: true,
        // The run's signing key is bound to the gateways' writer ids (`cmb_gateway_audit:...`), on any store.
        env: { ...env, AUDIT_SQLITE_PATH: sqlitePath, AUDIT_WRITER_ID: `cmb_gateway_audit:shutdown-${Date.now()}` },
      })) as {
        url: string;
        child: { kill: (signal: string) => void; once: (event: string, listener: (code: number | null) => void) => void };
      };
      const answer = await postGraphQL(
        gateway.url,
        QUERY,
        { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02' } },
        await authAs('cabinet-zzp00001'),
      );
      expect(answer.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => gateway.child.once('exit', resolve));
      gateway.child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const db = openAuditDatabase({ sqlitePath });
      try {
        const report = await verifyAuditStore(db, TrustedKeys.parse(readFileSync(inject('auditEnv').AUDIT_TRUSTED_KEYS_FILE, 'utf8')));
        expect(report.findings).toEqual([]);
        expect(report.writers.map((w) => [w.events, w.unsealed])).toEqual([[1, 0]]);
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
