import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** A key id: 1 to 32 letters, digits, dots, dashes or underscores. */
export const CONTEXT_KEY_ID = /^[A-Za-z0-9._-]{1,32}$/;

/**
 * The development key pair of the caller context (ES256, key id `dev`):
 * `npm start` and the tests sign and verify with it when no key is
 * configured; every process refuses it when `NODE_ENV=production`.
 */
export const DEVELOPMENT_CONTEXT_KEY = {
  keyId: 'dev',
  privateKey:
    'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgXUJgWlWNtJi1syW3v7U5LrhpH2TVcOJo0b9YFvqT++uhRANCAAS9EXn3KBpgKkEvisoK0Rd0w1sLkYS9gnxNEI3DdJlE4WcwFyg5URNOSjsYHwgE66zAW0Kjg6Mr3jDot9xJvcFR',
  publicKey: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEvRF59ygaYCpBL4rKCtEXdMNbC5GEvYJ8TRCNw3SZROFnMBcoOVETTko7GB8IBOuswFtCo4OjK94w6LfcSb3BUQ==',
} as const;

/**
 * Reads an ECDSA P-256 key: PEM, or base64 of the DER (PKCS#8 for a private
 * key, SPKI for a public key). Throws on anything else, without echoing it.
 */
export function readContextKey(text: string, kind: 'private' | 'public'): KeyObject {
  const trimmed = text.trim();
  const pem = trimmed.startsWith('-----');
  let key: KeyObject;
  try {
    const der = Buffer.from(trimmed, 'base64');
    key =
      kind === 'private'
        ? createPrivateKey(pem ? trimmed : { key: der, format: 'der', type: 'pkcs8' })
        : createPublicKey(pem ? trimmed : { key: der, format: 'der', type: 'spki' });
  } catch {
    throw new Error(`not an ECDSA P-256 ${kind} key (expected PEM, or base64 of the ${kind === 'private' ? 'PKCS#8' : 'SPKI'} DER)`);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new Error(`expected an ECDSA P-256 ${kind} key (ES256), got ${key.asymmetricKeyType ?? 'an unknown key type'}`);
  return key;
}

/** The public half of a key, base64 SPKI DER: how keys are compared. */
function spkiOf(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** The public key (base64 SPKI DER) of a private key. */
export function contextPublicKeyOf(privateKeyText: string): string {
  return spkiOf(createPublicKey(readContextKey(privateKeyText, 'private')));
}

/** True when this private key is the development key. */
export function isDevelopmentContextKey(privateKeyText: string): boolean {
  return contextPublicKeyOf(privateKeyText) === DEVELOPMENT_CONTEXT_KEY.publicKey;
}

/** A new ES256 key pair for the gateway: base64 PKCS#8 private key, base64 SPKI public key. */
export function generateContextKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    publicKey: spkiOf(publicKey),
  };
}

/**
 * The gateway public keys a subgraph trusts, by key id: the current one, and
 * during a rotation the next or the previous one too.
 */
export class ContextPublicKeys {
  private readonly keys = new Map<string, KeyObject>();

  /** Reads `kid:key,kid:key` (keys in base64 SPKI DER or PEM). */
  static parseList(text: string): ContextPublicKeys {
    const trusted = new ContextPublicKeys();
    for (const entry of text.split(',').map((part) => part.trim())) {
      if (!entry) continue;
      const colon = entry.indexOf(':');
      if (colon <= 0) throw new Error('expected kid:key,kid:key');
      trusted.add(entry.slice(0, colon).trim(), entry.slice(colon + 1));
    }
    return trusted;
  }

  /** Reads a JSON object `{ "<kid>": "<public key>", ... }`. */
  static parseJson(json: string): ContextPublicKeys {
    const entries = JSON.parse(json) as unknown;
    if (!entries || typeof entries !== 'object' || Array.isArray(entries))
      throw new Error('expected a JSON object of key id -> public key');
    const trusted = new ContextPublicKeys();
    for (const [keyId, text] of Object.entries(entries)) {
      if (typeof text !== 'string') throw new Error(`key ${keyId}: expected a PEM or base64 string`);
      trusted.add(keyId, text);
    }
    return trusted;
  }

  /** Trusts one more public key under its id. */
  add(keyId: string, publicKeyText: string): this {
    if (!CONTEXT_KEY_ID.test(keyId)) throw new Error('a key id is 1 to 32 letters, digits, dots, dashes or underscores');
    if (this.keys.has(keyId)) throw new Error(`key id ${keyId} given twice`);
    try {
      this.keys.set(keyId, readContextKey(publicKeyText, 'public'));
    } catch (error) {
      throw new Error(`key ${keyId}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return this;
  }

  /** The public key under this id, if trusted. */
  get(keyId: string): KeyObject | undefined {
    return this.keys.get(keyId);
  }

  /** The ids of the trusted keys. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** Whether the development public key is among them, under any id. */
  trustsDevelopmentKey(): boolean {
    return [...this.keys.values()].some((key) => spkiOf(key) === DEVELOPMENT_CONTEXT_KEY.publicKey);
  }
}
