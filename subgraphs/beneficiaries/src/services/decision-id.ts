import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What a decision id carries between the federation hops; never shown to clients in clear. */
export interface DecisionKey {
  personRef: string | null;
  providerInpe: string;
  careDate: string;
  careType: string;
  checkedAt: string;
  /** The establishment or professional that made the check (hop 1), whose care relationship an ELIGIBLE outcome opens; null for other callers. */
  checkedBy: string | null;
}

/**
 * Seals and opens decision ids with AES-256-GCM: the id is opaque (it
 * encodes no national id and cannot be linked to a person without the key)
 * and unforgeable, yet any replica can reopen it in the third hop.
 */
export class DecisionIdSealer {
  constructor(private readonly key: Buffer) {}

  seal(value: DecisionKey): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const plain = JSON.stringify([value.personRef, value.providerInpe, value.careDate, value.careType, value.checkedAt, value.checkedBy]);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** Opens an id; returns null for an id this registry did not issue. */
  open(id: string): DecisionKey | null {
    try {
      const raw = Buffer.from(id, 'base64url');
      if (raw.length <= 28) return null;
      // The whole 16-byte tag, always: GCM would otherwise accept a tag cut short, far easier to forge.
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12), { authTagLength: 16 });
      decipher.setAuthTag(raw.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const [personRef, providerInpe, careDate, careType, checkedAt, checkedBy] = JSON.parse(plain) as [
        string | null,
        string,
        string,
        string,
        string,
        string | null | undefined,
      ];
      return { personRef, providerInpe, careDate, careType, checkedAt, checkedBy: checkedBy ?? null };
    } catch {
      return null;
    }
  }
}
