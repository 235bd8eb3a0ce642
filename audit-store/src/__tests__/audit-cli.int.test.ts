import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signingKey, writeChain } from './support/audit-fixtures';
import { createAuditTestStore, type AuditTestStore } from './support/audit-test-store';
import { openAuditDatabase } from '../database';
import { witnessCheckpoints } from '../witness';
import { allowRewrites, deleteEvents } from './support/tampering';

/** The compiled command, as `npm run audit` runs it (build first: `npx tsc -b audit-store`). */
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const k1 = signingKey('k1');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('npm run audit on a SQLite store', () => {
  let store: AuditTestStore;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  function runCli(...args: string[]): Promise<CliRun> {
    return runCliWith(env, ...args);
  }

  function runCliWith(environment: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
      );
    });
  }

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the audit store first (npx tsc -b audit-store)`);
    store = await createAuditTestStore('sqlite', 'audit_cli');
    dir = mkdtempSync(join(tmpdir(), 'cmb-audit-cli-'));
    const trustedKeysFile = join(dir, 'trusted-keys.json');
    writeFileSync(trustedKeysFile, JSON.stringify({ k1: k1.publicKey }));
    env = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      AUDIT_SQLITE_PATH: store.config.sqlitePath,
      AUDIT_TRUSTED_KEYS_FILE: trustedKeysFile,
    };
  });

  afterAll(async () => {
    await store?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await store.reset();
    await writeChain(store.db, { writerId: 'gw-a', signer: k1.signer, batches: [5, 5, 5, 5, 2], checkpointEvery: 4 });
  });

  it('verify exits 0 on an intact trail', async () => {
    const run = await runCli('verify');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ok       gw-a: events 1..22, 4 checkpoint(s), 2 unsealed');
    expect(run.stdout).toContain('audit trail intact: 1 writer(s)');
  });

  it('verify shows its progress on stderr, one line per step off a terminal, and leaves stdout to the report', async () => {
    const json = await runCli('verify', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true });
    expect(json.stderr).toMatch(/^verify: audit events 22\/22 \(100%\)( \S+\/s)? in \d+\.\d s\n$/);
    const silent = await runCliWith({ ...env, CMB_PROGRESS: 'off' }, 'verify');
    expect(silent.stderr).toBe('');
    const retention = await runCli('retention', '--older-than-days', '30', '--dry-run', '--json');
    expect(JSON.parse(retention.stdout)).toMatchObject({ dryRun: true });
    expect(retention.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^retention: events verified 22\/22 \(100%\)/),
      expect.stringMatching(/^retention: events to purge \(dry run\) 20\/20 \(100%\)/),
    ]);
    const refused = await runCliWith({ ...env, CMB_PROGRESS: 'fancy' }, 'verify');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('CMB_PROGRESS: expected one of bars, lines, off, events');
  });

  it('migrate creates the witness, and verify reads it: a sealed tail cut with its checkpoint is caught', async () => {
    const witnessPath = join(dir, `witness-${Date.now()}.sqlite`);
    const withWitness = { ...env, AUDIT_WITNESS_SQLITE_PATH: witnessPath };
    const migrate = await runCliWith(withWitness, 'migrate');
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain('audit witness ready (sqlite)');
    // The checkpoints the gateway copied there (4, 8, 12, 16, 20), then the tail cut from the store with its checkpoints.
    const witness = openAuditDatabase({ sqlitePath: witnessPath });
    const stored = await store.db.query<Record<string, unknown>>('SELECT * FROM audit_checkpoint ORDER BY position');
    await witnessCheckpoints(
      witness,
      stored.map((c) => ({
        writerId: String(c.writer_id),
        position: Number(c.position),
        hash: String(c.hash),
        signedAt: String(c.signed_at),
        keyId: String(c.key_id),
        signature: String(c.signature),
      })),
    );
    await witness.close();
    await allowRewrites(store.db);
    await store.db.execScript('DROP TRIGGER IF EXISTS audit_checkpoint_no_delete;');
    await deleteEvents(store.db, 'gw-a', 17, 22);
    await store.db.query("DELETE FROM audit_checkpoint WHERE writer_id = 'gw-a' AND position > 16");
    expect((await runCli('verify')).code).toBe(0);
    const run = await runCliWith(withWitness, 'verify');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/DELETED at position 17: .*witness/);
  });

  it('verify exits 1 and prints the finding on a tampered trail', async () => {
    await deleteEvents(store.db, 'gw-a', 12);
    const run = await runCli('verify');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('TAMPERED gw-a');
    expect(run.stdout).toMatch(/DELETED at position 12: events 12 to 12 are missing/);
    const json = await runCli('verify', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, findings: [{ kind: 'DELETED', writerId: 'gw-a', position: 12 }] });
  });

  it('export writes syslog lines to a file, and JSON lines to stdout', async () => {
    const file = join(dir, 'export.log');
    const syslog = await runCli('export', '--format', 'syslog', '--facility', 'authpriv', '--out', file);
    expect(syslog.code).toBe(0);
    expect(syslog.stderr).toContain(`exported 22 event(s) as syslog to ${file}`);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(22);
    expect(lines[0]).toMatch(/^<85>1 2025-01-01T09:00:00\.000Z \S+ cmb-audit - ALLOWED \[cmbAudit@32473 /);
    const jsonl = await runCli('export', '--since', '2025-01-01T12:00:00Z');
    expect(jsonl.code).toBe(0);
    expect(
      jsonl.stdout
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { position: number }).position),
    ).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]);
  });

  it('retention --dry-run says what it would purge and purges nothing', async () => {
    const run = await runCli('retention', '--older-than-days', '30', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('gw-a: would purge 20 event(s), through the checkpoint at position 20');
    expect((await runCli('verify')).stdout).toContain('events 1..22');
  });

  it('verify reports as deleted the first events cut exactly up to a checkpoint inside the retention period, by default', async () => {
    // The first checkpoint seals event 5. The events were written and sealed just now: well inside AUDIT_RETENTION_DAYS (ten years by default).
    await deleteEvents(store.db, 'gw-a', 1, 5);
    const run = await runCli('verify');
    expect(run.code).toBe(1);
    expect(run.stdout, run.stdout).toMatch(
      /DELETED at position 1: events 1 to 5 are missing although the checkpoint that seals them was signed at/,
    );
  });

  it('refuses a malformed option with the usage, exit 2', async () => {
    const run = await runCli('export', '--format', 'xml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format: expected one of jsonl, syslog');
    expect(run.stderr).toContain('npm run audit -- <command>');
    expect((await runCli('retention', '--older-than-days', '0')).code).toBe(2);
    const unwritable = await runCli('export', '--out', join(dir, 'missing', 'export.log'));
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain('ENOENT');
    expect((await runCli('verify', '--bogus')).code).toBe(2);
  });

  it('maintain has nothing to do on SQLite', async () => {
    const run = await runCli('maintain');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('nothing to maintain');
  });
});
