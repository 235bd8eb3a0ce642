// The signed caller context the subgraphs require from a gateway (header
// `x-cmb-context`: a JWS signed with the gateway's ES256 private key, bound
// to the target subgraph, the SHA-256 of the request body and a short
// expiry), for the contestants that are not this project's gateway. The
// peers sign every subgraph request as our gateway does, for one fixed
// caller (an admission desk allowed to check eligibility), so every
// contestant pays one signature per subgraph call; the floor's requests are
// signed before each run. Signed by the project's own code (subgraphs/kit
// build), so the format cannot drift.
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FLOOR_QUERY, nextCheck } from '../mix.mjs';

const ROOT = join(import.meta.dirname, '../../..');
const KIT = join(ROOT, 'subgraphs/kit/dist/auth/signed-context.js');
const KEYS = join(ROOT, 'subgraphs/kit/dist/auth/context-keys.js');

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

/** How long a peer's context is valid: our gateway's default (GATEWAY_CONTEXT_TTL_SECONDS). */
const PEER_TTL_SECONDS = 10;

/** True when this build of the subgraphs knows key-signed contexts. */
export function signerAvailable() {
  return existsSync(KIT) && existsSync(KEYS);
}

/**
 * The key the subgraphs of the run trust and our gateway signs with:
 * GATEWAY_CONTEXT_PRIVATE_KEY and GATEWAY_CONTEXT_KEY_ID when set (every
 * process inherits them, the subgraphs then need GATEWAY_CONTEXT_PUBLIC_KEYS),
 * else the kit's development key.
 */
export function benchContextKey() {
  const { GATEWAY_CONTEXT_PRIVATE_KEY: privateKey, GATEWAY_CONTEXT_KEY_ID: keyId } = process.env;
  if (privateKey && keyId) return { keyId, privateKey };
  const { DEVELOPMENT_CONTEXT_KEY } = createRequire(import.meta.url)(KEYS);
  if (!DEVELOPMENT_CONTEXT_KEY)
    throw new Error(`no development context key in ${KEYS}: set GATEWAY_CONTEXT_PRIVATE_KEY and GATEWAY_CONTEXT_KEY_ID`);
  return { keyId: DEVELOPMENT_CONTEXT_KEY.keyId, privateKey: DEVELOPMENT_CONTEXT_KEY.privateKey };
}

/** The environment that hands the key to a peer process. */
export function contextKeyEnv(key) {
  return key ? { CMB_CONTEXT_PRIVATE_KEY: key.privateKey, CMB_CONTEXT_KEY_ID: key.keyId } : {};
}

/**
 * In a peer process: `sign(subgraph, body)` → the header value for one
 * subgraph request, from CMB_CONTEXT_PRIVATE_KEY and CMB_CONTEXT_KEY_ID; null
 * when the benchmark runs without signed contexts.
 */
export function peerSigner(env = process.env, { ttlSeconds = PEER_TTL_SECONDS } = {}) {
  if (!env.CMB_CONTEXT_PRIVATE_KEY || !env.CMB_CONTEXT_KEY_ID) return null;
  const { contextSigner } = createRequire(import.meta.url)(KIT);
  const signer = contextSigner({ keyId: env.CMB_CONTEXT_KEY_ID, privateKey: env.CMB_CONTEXT_PRIVATE_KEY, ttlSeconds });
  return (subgraph, body) => signer.sign(BENCH_CALLER, subgraph, body);
}

/**
 * How many floor requests are signed before a run of `duration` seconds:
 * one per request the run can make (a subgraph takes each context once), at
 * up to 8,000 requests a second (the floor served over 3,000 a second on a
 * 2-core machine, and a request past the pool is a replay the subgraph
 * refuses, counted as an error), drawn from the same mix so persons vary as
 * in k6's own draws.
 */
const floorPool = (duration) => Math.max(16_384, Math.ceil(duration * 8_000));

/**
 * Writes `<dir>/floor-signed-<n>.json`: enough floor requests of the mix for a run of `duration` seconds,
 * each `{ body, context }` signed for the beneficiaries subgraph and its own
 * body, valid `validForSeconds` (the run ahead), for k6 to post as they are.
 * Returns the path.
 */
let written = 0;
export function writeSignedFloorRequests({ dir, workload, key, validForSeconds, duration }) {
  const sign = peerSigner(contextKeyEnv(key), { ttlSeconds: validForSeconds });
  const requests = [];
  for (let i = 0, pool = floorPool(duration); i < pool; i += 1) {
    const body = JSON.stringify({ query: FLOOR_QUERY, variables: { input: nextCheck(workload, Math.random).input } });
    requests.push({ body, context: sign('beneficiaries', body) });
  }
  written += 1;
  const path = join(dir, `floor-signed-${written}.json`);
  writeFileSync(path, JSON.stringify(requests));
  return path;
}
