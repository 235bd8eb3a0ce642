import { createHmac } from 'node:crypto';

/** One version of the pseudonymisation key. */
export interface PseudonymKey {
  version: string;
  secret: Buffer;
}

/** How a national id is normalised before hashing, so `ab123456` and `AB123456 ` hash the same. */
function normalise(nationalId: string): string {
  return nationalId.trim().toUpperCase();
}

/**
 * The pseudonymisation keys, newest first. Events are hashed with the current
 * key and carry its version; a search hashes the national id with every
 * version, so events written before a rotation are still found.
 */
export class PseudonymKeyring {
  private constructor(private readonly keys: readonly PseudonymKey[]) {}

  /**
   * Reads `version:secret,version:secret,...`, the current key first
   * (`AUDIT_PSEUDONYM_KEYS`). Versions are 1 to 32 of `A-Z a-z 0-9 . _ -`;
   * secrets are at least 32 characters and may not contain a comma.
   */
  static parse(text: string): PseudonymKeyring {
    const keys = text.split(',').map((entry, index) => {
      const separator = entry.indexOf(':');
      const version = entry.slice(0, separator).trim();
      const secret = entry.slice(separator + 1).trim();
      if (separator < 1 || !/^[A-Za-z0-9._-]{1,32}$/.test(version))
        throw new Error(
          `pseudonymisation key ${index + 1}: expected "version:secret" with a version of 1 to 32 letters, digits, dots, dashes or underscores`,
        );
      if (secret.length < 32) throw new Error(`pseudonymisation key ${version}: the secret needs at least 32 characters`);
      return { version, secret: Buffer.from(secret, 'utf8') };
    });
    const versions = new Set(keys.map((k) => k.version));
    if (versions.size !== keys.length) throw new Error('pseudonymisation keys: each version may appear once');
    return new PseudonymKeyring(keys);
  }

  /** The version new events are hashed with. */
  get currentVersion(): string {
    return this.keys[0].version;
  }

  /** Every version, newest first. */
  get versions(): string[] {
    return this.keys.map((k) => k.version);
  }

  /** The pseudonym of a national id under the current key. */
  pseudonymise(nationalId: string): string {
    return hmac(this.keys[0].secret, nationalId);
  }

  /** The pseudonyms of a national id under every key version: what a search looks for. */
  pseudonymsOf(nationalId: string): string[] {
    return this.keys.map((k) => hmac(k.secret, nationalId));
  }
}

function hmac(secret: Buffer, nationalId: string): string {
  return createHmac('sha256', secret).update(normalise(nationalId)).digest('hex');
}
