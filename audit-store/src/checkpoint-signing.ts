import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** A signed statement that a writer's chain reached `position` with link `hash`. */
export interface Checkpoint {
  writerId: string;
  position: number;
  hash: string;
  /** ISO-8601 UTC. */
  signedAt: string;
  keyId: string;
  /** Ed25519 signature of {@link checkpointPayload}, base64. */
  signature: string;
}

/** The bytes a checkpoint signature covers. */
export function checkpointPayload(checkpoint: Omit<Checkpoint, 'signature' | 'keyId'> & { keyId: string }): Buffer {
  return Buffer.from(
    [
      'cmb-audit-checkpoint/1',
      checkpoint.writerId,
      String(checkpoint.position),
      checkpoint.hash,
      checkpoint.signedAt,
      checkpoint.keyId,
    ].join('\n'),
    'utf8',
  );
}

/** The key that signs checkpoints now. */
export interface CheckpointSigner {
  /** The id verification finds the public key under. */
  keyId: string;
  /** Signs a checkpoint with this key. */
  sign(checkpoint: Omit<Checkpoint, 'signature' | 'keyId'>): Checkpoint;
}

/** A signer from an Ed25519 private key (PKCS#8 PEM, or base64 of the PKCS#8 DER). */
export function checkpointSigner(keyId: string, privateKeyText: string): CheckpointSigner {
  const privateKey = readKey(privateKeyText, 'private');
  return {
    keyId,
    sign(unsigned) {
      const signature = sign(null, checkpointPayload({ ...unsigned, keyId }), privateKey).toString('base64');
      return { ...unsigned, keyId, signature };
    },
  };
}

/** The public keys verification trusts, by key id: every key that ever signed, so old checkpoints still verify after a rotation. */
export class TrustedKeys {
  private readonly keys = new Map<string, KeyObject>();

  /** Reads `{ "keyId": "<public key PEM or base64 SPKI DER>", ... }`. */
  static parse(json: string): TrustedKeys {
    const trusted = new TrustedKeys();
    const entries = JSON.parse(json) as Record<string, unknown>;
    if (!entries || typeof entries !== 'object' || Array.isArray(entries))
      throw new Error('trusted keys: expected a JSON object of key id -> public key');
    for (const [keyId, text] of Object.entries(entries)) {
      if (typeof text !== 'string') throw new Error(`trusted key ${keyId}: expected a PEM or base64 string`);
      trusted.add(keyId, text);
    }
    return trusted;
  }

  /** Trusts one more public key (PEM or base64 SPKI DER) under its id. */
  add(keyId: string, publicKeyText: string): this {
    this.keys.set(keyId, readKey(publicKeyText, 'public'));
    return this;
  }

  /** The ids of the trusted keys. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** `valid`, or why not: an unknown key id, or a signature that does not match. */
  check(checkpoint: Checkpoint): 'valid' | 'unknown-key' | 'bad-signature' {
    const key = this.keys.get(checkpoint.keyId);
    if (!key) return 'unknown-key';
    const ok = verify(null, checkpointPayload(checkpoint), key, Buffer.from(checkpoint.signature, 'base64'));
    return ok ? 'valid' : 'bad-signature';
  }
}

/** A new Ed25519 key pair, as written by `npm run audit -- keys`. */
export function generateSigningKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

/** The public half of a private key, base64 SPKI DER. */
export function publicKeyOf(privateKeyText: string): string {
  return createPublicKey(readKey(privateKeyText, 'private')).export({ type: 'spki', format: 'der' }).toString('base64');
}

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * A deterministic key from a passphrase, for development and tests only: the
 * gateway refuses it in production.
 */
export function developmentSigningKey(passphrase: string): string {
  const seed = createHash('sha256').update(passphrase).digest();
  return Buffer.concat([ED25519_PKCS8_PREFIX, seed]).toString('base64');
}

function readKey(text: string, kind: 'private' | 'public'): KeyObject {
  const trimmed = text.trim();
  const pem = trimmed.startsWith('-----');
  const der = Buffer.from(trimmed, 'base64');
  const key =
    kind === 'private'
      ? createPrivateKey(pem ? trimmed : { key: der, format: 'der', type: 'pkcs8' })
      : createPublicKey(pem ? trimmed : { key: der, format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`expected an Ed25519 ${kind} key, got ${key.asymmetricKeyType ?? 'an unknown key type'}`);
  return key;
}
