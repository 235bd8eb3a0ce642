#!/usr/bin/env node
import { createWriteStream, openSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { withProgress } from '@cmb/kit/dist/progress';
import { generateSigningKeyPair } from './checkpoint-signing';
import { retentionLines, verificationLines } from './cli-reports';
import { openAuditDatabase, type AuditDatabase } from './database';
import { AUDIT_READER_SETTINGS, readAuditSettings, type AuditEnvironment } from './settings';
import { exportAuditEvents } from './export';
import { EXPORT_FORMATS, lineFormatter, SYSLOG_FACILITIES, type ExportFormat, type SyslogFacility } from './export-formats';
import { applyRetention } from './retention';
import { ensureMonthlyPartitions, migrateAuditStore } from './schema';
import { verifyAuditStore } from './verify';
import { migrateAuditWitness } from './witness';
import { DAY_MS } from './time';

const USAGE = `npm run audit -- <command> [options]

  migrate            create or update the store: tables, append-only triggers;
                     on PostgreSQL also monthly partitions, the roles
                     cmb_audit_writer, cmb_audit_reader, cmb_audit_retention
                     and row-level security (a writer login appends only to
                     writer ids "<login>" or "<login>:..."); the witness too
                     when AUDIT_WITNESS_DATABASE_URL (or _SQLITE_PATH) is set
  maintain           create the monthly partitions 12 months ahead
                     (PostgreSQL; run monthly, as the owner)
  verify [--json] [--retention-days N]
                     check every writer's hash chain and signed checkpoints;
                     reports the first modified, deleted, inserted or
                     reordered event; exit 1 when the trail was tampered with;
                     events missing although sealed within the retention
                     period (default AUDIT_RETENTION_DAYS) are deleted ones;
                     with a witness (AUDIT_WITNESS_DATABASE_URL), every
                     checkpoint it holds must still be met by the store
  export [--format jsonl|syslog] [--since ISO] [--until ISO] [--out FILE]
         [--facility audit|authpriv]
                     stream the events (since included, until excluded) for a
                     SIEM: JSON lines, or RFC 5424 syslog lines; stdout by
                     default; persons appear only as their pseudonyms
  retention [--older-than-days N] [--dry-run] [--json]
                     purge the events older than N days (default
                     AUDIT_RETENTION_DAYS) that a signed
                     checkpoint seals (each chain still verifies from it);
                     then drop the monthly partitions left empty (owner
                     only); exit 1 when a writer's chain does not verify
  keys               print a new Ed25519 checkpoint key pair (rotation)

verify and retention show their progress on stderr: a bar on a terminal,
a line every few seconds elsewhere (CMB_PROGRESS=bars|lines|off).

The store: AUDIT_DATABASE_URL (PostgreSQL), else AUDIT_SQLITE_PATH
(default data/audit.sqlite). Trusted public keys, each bound to the writers
it signs for: AUDIT_TRUSTED_KEYS_FILE. The witness of the checkpoints:
AUDIT_WITNESS_DATABASE_URL, else AUDIT_WITNESS_SQLITE_PATH.
Retention period: AUDIT_RETENTION_DAYS (default 3650 outside production).`;

const OPTIONS = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
  format: { type: 'string', default: 'jsonl' },
  since: { type: 'string' },
  until: { type: 'string' },
  out: { type: 'string' },
  facility: { type: 'string', default: 'audit' },
  'older-than-days': { type: 'string' },
  'retention-days': { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
} as const;

type Options = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];

/** A command's mistake in its options: reported with the usage, exit 2. */
class UsageError extends Error {}

function dateOption(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--${name}: expected an ISO-8601 date or time, got "${value}"`);
  return date;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name}: expected one of ${allowed.join(', ')}`);
  return value as T;
}

async function exportCommand(db: AuditDatabase, options: Options): Promise<number> {
  const format = oneOf<ExportFormat>('format', options.format, EXPORT_FORMATS);
  const facility = oneOf<SyslogFacility>('facility', options.facility, Object.keys(SYSLOG_FACILITIES) as SyslogFacility[]);
  const range = { since: dateOption('since', options.since), until: dateOption('until', options.until) };
  // Opened here, so a wrong path fails before anything is read.
  const out = options.out ? createWriteStream('', { fd: openSync(options.out, 'w') }) : process.stdout;
  const count = await exportAuditEvents(db, out, lineFormatter(format, { facility }), range);
  if (out !== process.stdout) {
    out.end();
    await finished(out);
  }
  console.error(`exported ${count} event(s) as ${format}${options.out ? ` to ${options.out}` : ''}`);
  return 0;
}

/** `now` minus a `--<name> N` days option, else minus the configured retention period (`AUDIT_RETENTION_DAYS`). */
function daysAgoOption(name: 'older-than-days' | 'retention-days', options: Options, environment: AuditEnvironment): Date {
  const raw = options[name];
  const days = raw === undefined ? environment.retentionDays : Number(raw);
  if (!Number.isInteger(days) || days < 1) throw new UsageError(`--${name}: expected a whole number of days >= 1`);
  return new Date(Date.now() - days * DAY_MS);
}

async function retentionCommand(db: AuditDatabase, environment: AuditEnvironment, options: Options): Promise<number> {
  const cutoff = daysAgoOption('older-than-days', options, environment);
  const report = await withProgress((progress) =>
    applyRetention(db, { cutoff, trusted: environment.trusted, dryRun: options['dry-run'], progress }),
  );
  console.log(options.json ? JSON.stringify(report, null, 2) : retentionLines(report).join('\n'));
  return report.writers.some((w) => w.refused) ? 1 : 0;
}

/** Runs work with the witness database open, when one is configured. */
async function withWitness<T>(
  config: { url?: string; sqlitePath?: string } | null,
  work: (witness?: AuditDatabase) => Promise<T>,
): Promise<T> {
  if (!config) return work(undefined);
  const witness = openAuditDatabase(config);
  try {
    return await work(witness);
  } finally {
    await witness.close();
  }
}

async function storeCommand(command: string, options: Options): Promise<number> {
  const environment = readAuditSettings(process.env, AUDIT_READER_SETTINGS);
  // The witness only where it is used: verify reads it (required in production), migrate creates it when
  // configured (the witness may have an owner of its own, who migrates it apart).
  const witnessConfig =
    command === 'verify'
      ? readAuditSettings(process.env, ['witness']).witness
      : command === 'migrate'
        ? readAuditSettings({ ...process.env, NODE_ENV: 'development' }, ['witness']).witness
        : null;
  const db = openAuditDatabase(environment.database);
  try {
    switch (command) {
      case 'migrate':
        {
          const { forkedTables } = await migrateAuditStore(db);
          console.log(`audit store ready (${db.dialect})`);
          if (forkedTables.length > 0)
            console.warn(
              `audit store: ${forkedTables.join(', ')} already hold two events of one writer at one position (left without the unique index): run \`npm run audit -- verify\` to find them`,
            );
        }
        await withWitness(witnessConfig, async (witness) => {
          if (!witness) return;
          await migrateAuditWitness(witness);
          console.log(`audit witness ready (${witness.dialect})`);
        });
        return 0;
      case 'maintain': {
        if (db.dialect !== 'postgres') {
          console.log('nothing to maintain: the SQLite store has no partitions');
          return 0;
        }
        const created = await ensureMonthlyPartitions(db, { monthsAhead: 12 });
        console.log(created.length > 0 ? `created partitions: ${created.join(', ')}` : 'partitions already exist 12 months ahead');
        return 0;
      }
      case 'verify': {
        const retainedSince = daysAgoOption('retention-days', options, environment);
        const report = await withProgress((progress) =>
          withWitness(witnessConfig, (witness) => verifyAuditStore(db, environment.trusted, { retainedSince, witness, progress })),
        );
        console.log(options.json ? JSON.stringify(report, null, 2) : verificationLines(report).join('\n'));
        return report.ok ? 0 : 1;
      }
      case 'export':
        return await exportCommand(db, options);
      case 'retention':
        return await retentionCommand(db, environment, options);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: OPTIONS, allowPositionals: false });
  if (!command || values.help || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'keys') {
    const pair = generateSigningKeyPair();
    console.log(JSON.stringify({ keyId: `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`, ...pair }, null, 2));
    return 0;
  }
  return storeCommand(command, values);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`${error instanceof Error ? error.message : String(error)}${usage ? `\n\n${USAGE}` : ''}`);
    process.exitCode = 2;
  },
);
