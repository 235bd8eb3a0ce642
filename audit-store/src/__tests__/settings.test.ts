import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '../checkpoint-signing';
import { AUDIT_READER_SETTINGS, DEVELOPMENT_KEYS, readAuditEnvironment, readAuditSettings, type AuditSettingName } from '../settings';

const EVERY_SETTING: AuditSettingName[] = [
  'mode',
  'database',
  'keyring',
  'signer',
  'chain',
  'trusted',
  'witness',
  'retentionDays',
  'anomalyThresholds',
  'searchTimeoutMs',
];
const PSEUDONYM_SECRET = 'a-production-pseudonym-secret-of-32-chars';
const signing = generateSigningKeyPair();

let dir: string;
let trustedKeysFile: string;
let legacyKeysFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmb-audit-settings-'));
  trustedKeysFile = join(dir, 'trusted-keys.json');
  writeFileSync(trustedKeysFile, JSON.stringify({ k1: { publicKey: signing.publicKey, writers: ['cmb_gateway_audit:*'] } }));
  legacyKeysFile = join(dir, 'legacy-keys.json');
  writeFileSync(legacyKeysFile, JSON.stringify({ k1: signing.publicKey }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything production asks of the settings that have a requirement there. */
const production = () => ({
  NODE_ENV: 'production',
  AUDIT_PSEUDONYM_KEYS: `p1:${PSEUDONYM_SECRET}`,
  AUDIT_SIGNING_KEY: signing.privateKey,
  AUDIT_SIGNING_KEY_ID: 'k1',
  AUDIT_TRUSTED_KEYS_FILE: trustedKeysFile,
  AUDIT_WITNESS_DATABASE_URL: 'postgres://gateway@witness-host/cmb_audit_witness',
  AUDIT_RETENTION_DAYS: '3650',
});

describe('audit settings', () => {
  it('has working defaults outside production', () => {
    const settings = readAuditSettings({ NODE_ENV: 'development' }, EVERY_SETTING);
    expect(settings.mode).toBe('on');
    expect(settings.database).toEqual({ url: undefined, sqlitePath: 'data/audit.sqlite' });
    expect(settings.keyring.currentVersion).toBe('dev');
    expect(settings.signer.keyId).toBe(DEVELOPMENT_KEYS.signingKeyId);
    expect(settings.chain).toEqual({ writerId: undefined, checkpointEvery: 1000, checkpointIntervalMs: 60_000 });
    expect(settings.trusted.keyIds).toEqual([DEVELOPMENT_KEYS.signingKeyId]);
    expect(settings.retentionDays).toBe(3650);
    expect(settings.witness).toBeNull();
    expect(settings.searchTimeoutMs).toBe(1_500);
    expect(readAuditSettings({ AUDIT_SEARCH_TIMEOUT_MS: '4000' }, ['searchTimeoutMs']).searchTimeoutMs).toBe(4_000);
    expect(settings.anomalyThresholds).toEqual({
      volumeFactor: undefined,
      volumeMinimum: undefined,
      offHoursMinimum: undefined,
      refusedBurst: undefined,
    });
  });

  it('reads each variable into its setting', () => {
    const settings = readAuditSettings(
      {
        NODE_ENV: 'development',
        AUDIT_MODE: 'off',
        AUDIT_DATABASE_URL: 'postgres://writer@127.0.0.1:5432/cmb_audit',
        AUDIT_SQLITE_PATH: '/var/lib/cmb/audit.sqlite',
        AUDIT_PSEUDONYM_KEYS: `p2:${PSEUDONYM_SECRET}-2,p1:${PSEUDONYM_SECRET}`,
        AUDIT_SIGNING_KEY: signing.privateKey,
        AUDIT_SIGNING_KEY_ID: 'k1',
        AUDIT_WRITER_ID: 'gw-1',
        AUDIT_CHECKPOINT_EVERY: '50',
        AUDIT_CHECKPOINT_INTERVAL_MS: '1000',
        AUDIT_TRUSTED_KEYS_FILE: trustedKeysFile,
        AUDIT_RETENTION_DAYS: '400',
        AUDIT_ANOMALY_VOLUME_FACTOR: '2.5',
        AUDIT_ANOMALY_VOLUME_MINIMUM: '40',
        AUDIT_ANOMALY_OFF_HOURS_MINIMUM: '3',
        AUDIT_ANOMALY_REFUSED_BURST: '5',
      },
      EVERY_SETTING,
    );
    expect(settings.mode).toBe('off');
    expect(settings.database).toEqual({ url: 'postgres://writer@127.0.0.1:5432/cmb_audit', sqlitePath: '/var/lib/cmb/audit.sqlite' });
    expect(settings.keyring.versions).toEqual(['p2', 'p1']);
    expect(settings.signer.keyId).toBe('k1');
    expect(settings.chain).toEqual({ writerId: 'gw-1', checkpointEvery: 50, checkpointIntervalMs: 1000 });
    expect(settings.trusted.keyIds).toEqual(['k1']);
    expect(settings.retentionDays).toBe(400);
    expect(settings.anomalyThresholds).toEqual({ volumeFactor: 2.5, volumeMinimum: 40, offHoursMinimum: 3, refusedBurst: 5 });
  });

  it('returns the settings asked for, and reads no variable of the others', () => {
    const settings = readAuditSettings({ NODE_ENV: 'test', AUDIT_RETENTION_DAYS: 'forever', AUDIT_SIGNING_KEY: 'not a key' }, [
      'database',
      'keyring',
    ]);
    expect(Object.keys(settings).sort()).toEqual(['database', 'keyring']);
  });

  it.each<[Record<string, string>, AuditSettingName, RegExp]>([
    [{ AUDIT_MODE: 'maybe' }, 'mode', /AUDIT_MODE/],
    [{ AUDIT_DATABASE_URL: 'cmb_audit' }, 'database', /AUDIT_DATABASE_URL/],
    [{ AUDIT_PSEUDONYM_KEYS: 'p1' }, 'keyring', /AUDIT_PSEUDONYM_KEYS/],
    [{ AUDIT_SIGNING_KEY_ID: 'a key id', AUDIT_SIGNING_KEY: signing.privateKey }, 'signer', /AUDIT_SIGNING_KEY_ID/],
    [{ AUDIT_SIGNING_KEY_ID: 'k1', AUDIT_SIGNING_KEY: 'AAAA' }, 'signer', /AUDIT_SIGNING_KEY/],
    [{ AUDIT_WRITER_ID: '' }, 'chain', /AUDIT_WRITER_ID/],
    [{ AUDIT_CHECKPOINT_EVERY: '0' }, 'chain', /AUDIT_CHECKPOINT_EVERY/],
    [{ AUDIT_CHECKPOINT_INTERVAL_MS: '10' }, 'chain', /AUDIT_CHECKPOINT_INTERVAL_MS/],
    [{ AUDIT_TRUSTED_KEYS_FILE: '/nonexistent/trusted-keys.json' }, 'trusted', /AUDIT_TRUSTED_KEYS_FILE/],
    [{ AUDIT_RETENTION_DAYS: '0' }, 'retentionDays', /AUDIT_RETENTION_DAYS/],
    [{ AUDIT_ANOMALY_VOLUME_FACTOR: '-1' }, 'anomalyThresholds', /AUDIT_ANOMALY_VOLUME_FACTOR/],
    [{ AUDIT_ANOMALY_VOLUME_MINIMUM: '0' }, 'anomalyThresholds', /AUDIT_ANOMALY_VOLUME_MINIMUM/],
    [{ AUDIT_ANOMALY_OFF_HOURS_MINIMUM: 'many' }, 'anomalyThresholds', /AUDIT_ANOMALY_OFF_HOURS_MINIMUM/],
    [{ AUDIT_ANOMALY_REFUSED_BURST: '1' }, 'anomalyThresholds', /AUDIT_ANOMALY_REFUSED_BURST/],
    [{ AUDIT_SEARCH_TIMEOUT_MS: '0' }, 'searchTimeoutMs', /AUDIT_SEARCH_TIMEOUT_MS/],
    [{ AUDIT_SEARCH_TIMEOUT_MS: 'soon' }, 'searchTimeoutMs', /AUDIT_SEARCH_TIMEOUT_MS/],
  ])('refuses %o naming the variable', (env, setting, message) => {
    expect(() => readAuditSettings(env, [setting])).toThrowError(message);
  });

  it('never echoes a secret it refuses', () => {
    const attempts: [Record<string, string>, AuditSettingName, string][] = [
      [{ AUDIT_PSEUDONYM_KEYS: 'p1:too-short-a-secret' }, 'keyring', 'too-short-a-secret'],
      [{ AUDIT_DATABASE_URL: 'postgres//writer:s3cret-password@db' }, 'database', 's3cret-password'],
      [{ AUDIT_SIGNING_KEY: signing.privateKey.slice(0, 40), AUDIT_SIGNING_KEY_ID: 'k1' }, 'signer', signing.privateKey.slice(0, 40)],
    ];
    for (const [env, setting, secret] of attempts) {
      expect(() => readAuditSettings(env, [setting])).toThrowError(/^Invalid audit configuration: AUDIT_/);
      expect(() => readAuditSettings(env, [setting])).not.toThrowError(secret);
    }
  });

  it('starts each message with the configuration it belongs to', () => {
    expect(() => readAuditSettings({ AUDIT_MODE: 'maybe' }, ['mode'], { configuration: 'gateway configuration' })).toThrowError(
      /^Invalid gateway configuration: AUDIT_MODE/,
    );
  });

  it('wants the signing key and its id together, in any environment', () => {
    expect(() => readAuditSettings({ NODE_ENV: 'development', AUDIT_SIGNING_KEY: signing.privateKey }, ['signer'])).toThrowError(
      /set AUDIT_SIGNING_KEY and AUDIT_SIGNING_KEY_ID together/,
    );
    expect(() => readAuditSettings({ NODE_ENV: 'development', AUDIT_SIGNING_KEY_ID: 'k1' }, ['signer'])).toThrowError(/together/);
  });

  it.each([undefined, 'production', 'staging', 'prod'])(
    'behaves as production with NODE_ENV %s: the development keys are refused',
    (nodeEnv) => {
      expect(() => readAuditSettings({ NODE_ENV: nodeEnv }, ['keyring'])).toThrowError(/AUDIT_PSEUDONYM_KEYS must be set in production/);
      expect(() =>
        readAuditSettings({ NODE_ENV: nodeEnv, AUDIT_PSEUDONYM_KEYS: DEVELOPMENT_KEYS.pseudonymKeys }, ['keyring']),
      ).toThrowError(/development audit keys are refused/);
    },
  );

  describe('in production', () => {
    it('starts with its own keys', () => {
      const settings = readAuditSettings(production(), EVERY_SETTING);
      expect(settings.keyring.currentVersion).toBe('p1');
      expect(settings.signer.keyId).toBe('k1');
      expect(settings.trusted.keyIds).toEqual(['k1']);
    });

    it.each<[Record<string, string | undefined>, AuditSettingName, RegExp]>([
      [{ AUDIT_MODE: 'off' }, 'mode', /AUDIT_MODE=off is refused in production/],
      [{ AUDIT_PSEUDONYM_KEYS: undefined }, 'keyring', /AUDIT_PSEUDONYM_KEYS must be set in production/],
      [{ AUDIT_SIGNING_KEY: undefined, AUDIT_SIGNING_KEY_ID: undefined }, 'signer', /AUDIT_SIGNING_KEY must be set in production/],
      [{ AUDIT_TRUSTED_KEYS_FILE: undefined }, 'trusted', /AUDIT_TRUSTED_KEYS_FILE must be set in production/],
      [{ AUDIT_RETENTION_DAYS: undefined }, 'retentionDays', /AUDIT_RETENTION_DAYS must be set in production/],
      [{ AUDIT_WITNESS_DATABASE_URL: undefined }, 'witness', /AUDIT_WITNESS_DATABASE_URL must be set in production/],
      [{ AUDIT_TRUSTED_KEYS_FILE: '<legacy>' }, 'trusted', /bind every key to the writers it signs for.*not bound: k1/],
      [{ AUDIT_SIGNING_KEY: DEVELOPMENT_KEYS.signingKey }, 'signer', /development audit keys are refused/],
      [{ AUDIT_PSEUDONYM_KEYS: DEVELOPMENT_KEYS.pseudonymKeys }, 'keyring', /development audit keys are refused/],
      [
        { AUDIT_PSEUDONYM_KEYS: `p1:${PSEUDONYM_SECRET},old:${DEVELOPMENT_KEYS.pseudonymKeys.split(':')[1]}` },
        'keyring',
        /development audit keys are refused/,
      ],
    ])('refuses %o for the setting %s', (change, setting, message) => {
      const changed = change.AUDIT_TRUSTED_KEYS_FILE === '<legacy>' ? { AUDIT_TRUSTED_KEYS_FILE: legacyKeysFile } : change;
      expect(() => readAuditSettings({ ...production(), ...changed }, [setting])).toThrowError(message);
    });

    it('reads the witness of the checkpoints, on PostgreSQL or in an SQLite file', () => {
      expect(readAuditSettings(production(), ['witness']).witness).toEqual({
        url: 'postgres://gateway@witness-host/cmb_audit_witness',
        sqlitePath: undefined,
      });
      const sqlite = { ...production(), AUDIT_WITNESS_DATABASE_URL: undefined, AUDIT_WITNESS_SQLITE_PATH: '/var/lib/cmb/witness.sqlite' };
      expect(readAuditSettings(sqlite, ['witness']).witness).toEqual({ url: undefined, sqlitePath: '/var/lib/cmb/witness.sqlite' });
    });

    it('asks only what the settings asked for need', () => {
      const { database } = readAuditSettings({ NODE_ENV: 'production', AUDIT_DATABASE_URL: 'postgres://reader@db/cmb_audit' }, [
        'database',
      ]);
      expect(database.url).toBe('postgres://reader@db/cmb_audit');
    });
  });

  it("reads the reading side's environment: store, key ring, trusted keys, retention", () => {
    const environment = readAuditEnvironment({ ...production(), AUDIT_SIGNING_KEY: undefined });
    expect(Object.keys(environment).sort()).toEqual([...AUDIT_READER_SETTINGS].sort());
    expect(environment.retentionDays).toBe(3650);
    expect(() => readAuditEnvironment({ ...production(), AUDIT_TRUSTED_KEYS_FILE: undefined })).toThrowError(
      /^Invalid audit configuration: AUDIT_TRUSTED_KEYS_FILE must be set in production/,
    );
  });
});
