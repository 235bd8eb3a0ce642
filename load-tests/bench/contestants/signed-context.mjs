// The signed caller context the subgraphs require from a gateway (header
// `x-cmb-context`, HMAC with the secret shared by the gateway and the
// subgraphs), for the contestants that are not this project's gateway. The
// peers forward one fixed caller (an admission desk allowed to check
// eligibility), re-signed every 30 s because a signature is only accepted
// for a few minutes. Signed by the project's own code (subgraphs/kit build),
// so the format cannot drift.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');
const SIGNER = join(ROOT, 'subgraphs/kit/dist/auth/signed-context.js');
const CONFIG = join(ROOT, 'subgraphs/kit/dist/config/subgraph-config.js');

/** The header name, as the kit defines it. */
export const CONTEXT_HEADER = 'x-cmb-context';

/** The caller the peers and the floor present. */
export const BENCH_CALLER = {
  clientId: 'bench-admission-desk',
  org: 'ZZP00004',
  orgKind: 'ESTABLISHMENT',
  purposes: ['eligibility:check'],
  tokenId: null,
  userId: null,
  requestId: 'bench',
};

/** True when this build of the subgraphs knows signed contexts at all. */
export function signerAvailable() {
  return existsSync(SIGNER);
}

/**
 * The secret the subgraphs and our gateway use: GATEWAY_CONTEXT_SECRET when
 * set (every process inherits it), else the kit's development default.
 */
export function sharedContextSecret() {
  if (process.env.GATEWAY_CONTEXT_SECRET) return process.env.GATEWAY_CONTEXT_SECRET;
  const { DEV_CONTEXT_SECRET } = createRequire(import.meta.url)(CONFIG);
  if (!DEV_CONTEXT_SECRET) throw new Error(`no development context secret in ${CONFIG}: set GATEWAY_CONTEXT_SECRET`);
  return DEV_CONTEXT_SECRET;
}

/** A function returning a valid signed context, re-signed every `refreshMs`. */
export function contextSigner(secret, { refreshMs = 30_000 } = {}) {
  const { signCallerContext } = createRequire(import.meta.url)(SIGNER);
  const key = Buffer.from(secret, 'utf8');
  let header = signCallerContext(BENCH_CALLER, key);
  let signedAt = Date.now();
  return () => {
    const now = Date.now();
    if (now - signedAt > refreshMs) {
      header = signCallerContext(BENCH_CALLER, key, now);
      signedAt = now;
    }
    return header;
  };
}
