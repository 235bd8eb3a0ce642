import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointSigner, developmentSigningKey, publicKeyOf, TrustedKeys, type Checkpoint } from '../checkpoint-signing';
import { openAuditDatabase, type AuditDatabase } from '../database';
import { migrateAuditStore } from '../schema';
import { appendEvents } from '../store';
import { verifyAuditStore } from '../verify';
import { signingKey, trustedKeysOf, writeChain } from './support/audit-fixtures';

const k1 = signingKey('k1');
const k2 = signingKey('k2');
const unsigned = { writerId: 'gw-1', position: 12, hash: 'c'.repeat(64), signedAt: '2026-03-02T08:00:00.000Z' };

describe('checkpoint signatures', () => {
  const trusted = trustedKeysOf(k1);
  const checkpoint = k1.signer.sign(unsigned);

  it('verify with the public key of their key id', () => {
    expect(checkpoint.keyId).toBe('k1');
    expect(trusted.check(checkpoint)).toBe('valid');
  });

  it.each<[string, Partial<Checkpoint>]>([
    ['position', { position: 13 }],
    ['hash', { hash: 'd'.repeat(64) }],
    ['writer', { writerId: 'gw-2' }],
    ['signing time', { signedAt: '2026-03-02T08:00:01.000Z' }],
  ])('do not verify once their %s is changed', (_field, change) => {
    expect(trusted.check({ ...checkpoint, ...change })).toBe('bad-signature');
  });

  it('do not verify under another trusted key id, nor when signed by another key', () => {
    const both = trustedKeysOf(k1, k2);
    expect(both.check({ ...checkpoint, keyId: 'k2' })).toBe('bad-signature');
    expect(both.check({ ...k2.signer.sign(unsigned), keyId: 'k1' })).toBe('bad-signature');
  });

  it('of an untrusted key id are reported as such', () => {
    expect(trustedKeysOf(k2).check(checkpoint)).toBe('unknown-key');
  });
});

describe('signing keys', () => {
  it('are read as PEM as well as base64 DER', () => {
    const pair = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const checkpoint = checkpointSigner('pem', pair.privateKey).sign(unsigned);
    expect(new TrustedKeys().add('pem', pair.publicKey).check(checkpoint)).toBe('valid');
    expect(publicKeyOf(pair.privateKey)).toBe(createPublicKey(pair.publicKey).export({ type: 'spki', format: 'der' }).toString('base64'));
  });

  it('must be Ed25519', () => {
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expect(() => checkpointSigner('ec', ec.privateKey)).toThrow(/Ed25519/);
    expect(() => new TrustedKeys().add('ec', ec.publicKey)).toThrow(/Ed25519/);
  });

  it('of development are derived from a passphrase, the same every time', () => {
    const key = developmentSigningKey('passphrase');
    expect(key).toBe(developmentSigningKey('passphrase'));
    const checkpoint = checkpointSigner('dev', key).sign(unsigned);
    expect(new TrustedKeys().add('dev', publicKeyOf(key)).check(checkpoint)).toBe('valid');
  });

  it('are trusted from a JSON file of key id -> public key', () => {
    const trusted = TrustedKeys.parse(JSON.stringify({ k1: k1.publicKey, k2: k2.publicKey }));
    expect(trusted.keyIds).toEqual(['k1', 'k2']);
    expect(trusted.check(k2.signer.sign(unsigned))).toBe('valid');
    expect(() => TrustedKeys.parse('[]')).toThrow(/JSON object/);
    expect(() => TrustedKeys.parse('{"k1": 1}')).toThrow(/k1/);
  });
});

describe('verification across a signing key rotation', () => {
  let db: AuditDatabase;

  beforeEach(async () => {
    db = openAuditDatabase({ sqlitePath: ':memory:' });
    await migrateAuditStore(db);
    await writeChain(db, { writerId: 'gw-1', signer: k1.signer, batches: [3, 3], checkpointEvery: 3 });
    await writeChain(db, { writerId: 'gw-1', signer: k2.signer, batches: [3, 3], checkpointEvery: 3, firstEvent: 7 });
  });

  afterEach(() => db.close());

  it('accepts the checkpoints of the old key and of the new one when both are trusted', async () => {
    const keyIds = await db.query<{ key_id: string }>('SELECT key_id FROM audit_checkpoint ORDER BY position');
    expect(keyIds.map((r) => r.key_id)).toEqual(['k1', 'k1', 'k2', 'k2']);
    const report = await verifyAuditStore(db, trustedKeysOf(k1, k2));
    expect(report.ok).toBe(true);
    expect(report.writers[0]).toMatchObject({ events: 12, checkpoints: 4, unsealed: 0 });
  });

  it('reports BAD_CHECKPOINT when the old public key is no longer trusted', async () => {
    const report = await verifyAuditStore(db, trustedKeysOf(k2));
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'BAD_CHECKPOINT', writerId: 'gw-1', position: 3 })]);
  });

  it('reports BAD_CHECKPOINT for a checkpoint signed with an unknown key id', async () => {
    const intruder = signingKey('k9');
    const [head] = await db.query<{ hash: string }>("SELECT hash FROM audit_event WHERE writer_id = 'gw-1' AND position = 12");
    await appendEvents(
      db,
      [],
      intruder.signer.sign({ writerId: 'gw-1', position: 13, hash: head.hash, signedAt: new Date().toISOString() }),
    );
    const report = await verifyAuditStore(db, trustedKeysOf(k1, k2));
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'BAD_CHECKPOINT', position: 13 })]);
    expect(report.findings[0].detail).toContain('k9');
  });
});
