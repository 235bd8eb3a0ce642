import type { Language } from '../errors/error-catalog';

/**
 * Who is asking, as the gateway established it from a verified access token
 * and forwards it to the subgraphs in a signed context.
 */
export interface Caller {
  /** The realm client (software) making the request. */
  clientId: string;
  /** The organisation: an establishment's INPE, an OG code, ANAM, CNDP. */
  org: string | null;
  /** ESTABLISHMENT, PROFESSIONAL, OG, REGULATOR, DPA, PATIENT_PORTAL. */
  orgKind: string | null;
  /** The purposes (OAuth scopes) the token was issued for. */
  purposes: readonly string[];
  /** The token id (`jti`), for the audit trail. */
  tokenId: string | null;
  /** The end user, when a person (not a service account) is logged in. */
  userId: string | null;
  /**
   * The signed-in insured person's national id (`national_id` of a patient
   * portal token), so the registry can answer `me`; absent for every other caller.
   */
  nationalId?: string | null;
  /**
   * The INPEs the caller acts for besides its own `org`, as the gateway read
   * them from the INPE registry: an establishment's attached professionals, or
   * the establishments a professional is attached to. Filled for the writes
   * of establishments and professionals only; absent means none.
   */
  actsFor?: readonly string[];
  /**
   * The language the gateway negotiated from `Accept-Language` (fr, ar, en),
   * for the texts a subgraph writes into its answers (decision reasons);
   * absent means French.
   */
  language?: Language;
  /**
   * For the pathway writes (`pathway:write`, `pathway:request`): the
   * organisms (OGs) covering each person the operation names by ref, as the
   * gateway read them from the registry of persons (beneficiaries) before the
   * write; a ref the registry does not know is absent. The care-pathways
   * subgraph holds an OG to its own members and addresses a prior approval
   * request to the person's OG with it, without reading the registry's tables.
   * For a call to an OG's subgraph: which persons the registry served in the
   * request are that OG's members (`[owner]`), nothing else, so the OG's
   * subgraph serves its own members without holding a national secret.
   */
  personOrganisms?: Readonly<Record<string, readonly string[]>>;
  /**
   * For the record writes (`records:write`): the day (YYYY-MM-DD) the
   * caller's organisation last checked each person the operation names by
   * ref with an ELIGIBLE outcome (its care relationship), as the gateway read
   * it from the registry of persons (beneficiaries) before the write; a ref
   * without one, or unknown there, is absent. Medical-records adds a pointer
   * to a person's record only within that relationship.
   */
  careRelationships?: Readonly<Record<string, string>>;
  /** The gateway's request id: the client's `x-request-id` when safe to keep, so a client may send the same one twice. */
  requestId: string;
  /**
   * The id of the audit event that records this request's access (its
   * `ACCESS` or `OUTCOME` event), minted by the gateway per request: what a
   * subgraph files a record of the access under (a break-glass
   * justification), unique where the request id is not. Absent from a
   * caller the gateway did not make for a client's request (its own lookups).
   */
  eventId?: string;
}

/** The kinds of organisation that give care, bound to their own INPE: establishments and professionals. */
export const CARE_GIVER_KINDS: ReadonlySet<string> = new Set(['ESTABLISHMENT', 'PROFESSIONAL']);

/**
 * The INPE of a caller that gives care (an establishment's or a
 * professional's own, the token's `org`): whose care relationships,
 * custody and provider binding apply; null for any other caller (an OG, ANAM,
 * the patient portal), who has none.
 */
export function careGiverOrg(caller: Pick<Caller, 'org' | 'orgKind'>): string | null {
  return CARE_GIVER_KINDS.has(caller.orgKind ?? '') && caller.org ? caller.org : null;
}
