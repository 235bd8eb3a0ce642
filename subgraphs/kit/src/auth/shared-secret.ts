/** A secret some subgraphs share, read from one variable, with a development default production refuses. */
export interface SharedSecretSpec {
  /** The environment variable, e.g. `CONSENT_CAPABILITY_SECRET`. */
  variable: string;
  /** What it keys, for the messages: `consent capability secret`. */
  what: string;
  /** Who holds it, for the messages: `beneficiaries and medical-records only`. */
  heldBy: string;
  /** The value outside production when none is set; refused in production. */
  development: string;
}

/**
 * Reads a shared secret: the development default outside production; in
 * production its own value of 32+ characters, never the development one. A
 * refusal names the variable and the process, never the value.
 */
export function sharedSecretFrom(spec: SharedSecretSpec, value: string | undefined, production: boolean, owner: string): Buffer {
  if (production) {
    if (!value) throw new Error(`${spec.variable} must be set in production (${owner}): 32+ random characters shared by ${spec.heldBy}`);
    if (value === spec.development) throw new Error(`the development ${spec.what} is refused in production (${owner})`);
  }
  if (value !== undefined && value.length < 32) throw new Error(`${spec.variable} (${owner}): at least 32 characters`);
  return Buffer.from(value ?? spec.development, 'utf8');
}
