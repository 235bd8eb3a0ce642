import { careGiverOrg, daysBetween, type Caller } from '@cmb/kit';

/**
 * Who may list a person's record pointers, and how (issue "Keycloak
 * identities and CNDP-compliant scopes", items 5 and 6). The values are
 * versioned reference data (`reference-data/pointer-rules.json`, `access`).
 */
export interface RecordAccessRules {
  /** A care relationship counts when the calling organisation checked the person's eligibility at most this many days ago. */
  careRelationshipDays: number;
  /** Bounds of a break-glass justification, in characters once trimmed. */
  justification: { minLength: number; maxLength: number };
}

/** What the decision reads: the caller, the facts federation brought, the person's consent. */
export interface RecordAccessFacts {
  caller: Pick<Caller, 'org' | 'orgKind' | 'purposes'>;
  /** Day (YYYY-MM-DD) of the calling organisation's last eligibility check of the person (beneficiaries, `@requires`); null when none. */
  lastCheckOn: string | null;
  /** The `breakGlass` argument, when the caller breaks the glass. */
  breakGlass: { justification: string } | null;
  /** The person has blocked the calling organisation. */
  blocked: boolean;
  /** Today, Africa/Casablanca. */
  today: string;
}

/** Why a listing is refused; each is a key of the error catalogue. */
export type RecordAccessRefusal = 'FORBIDDEN' | 'BREAK_GLASS_JUSTIFICATION_REQUIRED' | 'CARE_RELATIONSHIP_REQUIRED' | 'CONSENT_BLOCKED';

/** The decision: refused with a reason, allowed within consent, or allowed by break-glass (masked pointers included, the access logged). */
export type RecordAccess =
  | { allowed: false; refusal: RecordAccessRefusal }
  | { allowed: true; breakGlass: false }
  | { allowed: true; breakGlass: true; justification: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when the last check falls within the window that ends today (a check dated later than today counts too). */
export function withinCareRelationship(lastCheckOn: string | null, today: string, days: number): boolean {
  if (!lastCheckOn || !ISO_DATE.test(lastCheckOn)) return false;
  const age = daysBetween(lastCheckOn, today);
  return Number.isFinite(age) && age <= days;
}

/** The trimmed justification when its length (in characters) is within the bounds; null otherwise. */
export function acceptedJustification(justification: string, bounds: RecordAccessRules['justification']): string | null {
  const trimmed = justification.trim();
  const length = [...trimmed].length;
  return length >= bounds.minLength && length <= bounds.maxLength ? trimmed : null;
}

/**
 * Decides whether a caller may list a person's record pointers:
 *
 * - only establishments and professionals (bound to their INPE) read records;
 * - break-glass (the `breakGlass` argument) needs the `records:break-glass`
 *   purpose and a written justification; it passes the care relationship and
 *   the person's consent (blocks and masked documents);
 * - under `records:break-glass` alone, without the argument, the
 *   justification is missing;
 * - under `records:read`: a care relationship within the window first (so an
 *   organisation without one learns nothing of the person's consent), then
 *   the person must not have blocked the organisation; masked documents are
 *   left out.
 */
export function decideRecordAccess(facts: RecordAccessFacts, rules: RecordAccessRules): RecordAccess {
  const { caller } = facts;
  if (!careGiverOrg(caller)) return { allowed: false, refusal: 'FORBIDDEN' };
  const mayRead = caller.purposes.includes('records:read');
  const mayBreakGlass = caller.purposes.includes('records:break-glass');
  if (facts.breakGlass) {
    if (!mayBreakGlass) return { allowed: false, refusal: 'FORBIDDEN' };
    const justification = acceptedJustification(facts.breakGlass.justification, rules.justification);
    return justification === null
      ? { allowed: false, refusal: 'BREAK_GLASS_JUSTIFICATION_REQUIRED' }
      : { allowed: true, breakGlass: true, justification };
  }
  if (!mayRead) return { allowed: false, refusal: mayBreakGlass ? 'BREAK_GLASS_JUSTIFICATION_REQUIRED' : 'FORBIDDEN' };
  if (!withinCareRelationship(facts.lastCheckOn, facts.today, rules.careRelationshipDays))
    return { allowed: false, refusal: 'CARE_RELATIONSHIP_REQUIRED' };
  if (facts.blocked) return { allowed: false, refusal: 'CONSENT_BLOCKED' };
  return { allowed: true, breakGlass: false };
}
