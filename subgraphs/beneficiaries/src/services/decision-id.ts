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
 * How long after its check (hop 1) a decision id is still answered: far
 * longer than any request's life (hop 3 follows hop 1 within seconds), short
 * enough that an id kept or replayed later neither decides again nor re-opens
 * a care relationship dated that later day.
 */
export const DECISION_ID_MAX_AGE_MS = 5 * 60_000;

/** How far ahead of this replica's clock a check may be dated: the replicas' clocks differ slightly. */
export const DECISION_ID_CLOCK_SKEW_MS = 30_000;

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

  /**
   * Opens an id at `nowMs` (epoch milliseconds); returns null for an id this
   * registry did not issue, or whose check is older than
   * `DECISION_ID_MAX_AGE_MS` or dated ahead beyond `DECISION_ID_CLOCK_SKEW_MS`.
   */
  open(id: string, nowMs: number): DecisionKey | null {
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
      const ageMs = nowMs - Date.parse(checkedAt);
      // Written so that an unreadable time (NaN) is refused too.
      if (!(ageMs <= DECISION_ID_MAX_AGE_MS && ageMs >= -DECISION_ID_CLOCK_SKEW_MS)) return null;
      return { personRef, providerInpe, careDate, careType, checkedAt, checkedBy: checkedBy ?? null };
    } catch {
      return null;
    }
  }
}
