/** What a verified access token says about the caller. */
export interface Identity {
  /** The realm client (software) the token was issued to (`azp`). */
  clientId: string;
  /** Token subject: a service account or a person's account id. */
  subject: string;
  /** Purposes (OAuth scopes) the token carries, restricted to the known purposes. */
  purposes: string[];
  /** The organisation claim (`org`): an INPE, an OG code, ANAM, CNDP. */
  org: string | null;
  /** The organisation kind claim (`org_kind`). */
  orgKind: string | null;
  /** Token id (`jti`). */
  tokenId: string | null;
  /** A person's account (patient, officer) rather than a service account. */
  userId: string | null;
  /** National id of the person, for the patient portal (`national_id`). */
  nationalId: string | null;
  /** Expiry, epoch seconds. */
  expiresAt: number;
}
