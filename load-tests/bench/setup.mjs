// The shared federation of a run: the six subgraphs started once on free
// loopback ports, the signed-context mode they require, and the contestants
// started against them.
import { startDevIssuer, startSubgraph, SUBGRAPHS } from '../../scripts/lib/federation.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';
import { onCleanup } from './cleanup.mjs';
import { clientsOf } from './mix.mjs';
import { writeRoutedSupergraph } from './supergraph.mjs';
import { benchContextKey, CONTEXT_HEADER, contextKeyEnv, peerSigner, signerAvailable } from './contestants/signed-context.mjs';
import { tokenSource } from './contestants/tokens.mjs';

/**
 * Starts the embedded development token issuer when a contestant needs
 * tokens; returns `{ issuer, token }` (token: async, a bearer token) or
 * `{ issuer: null, token }` where token fails when called.
 */
export async function startIssuerIfNeeded(contestants, { quiet, register = onCleanup }) {
  if (!contestants.some((c) => c.usesIssuer))
    return {
      issuer: null,
      token: async () => {
        throw new Error('no token issuer started');
      },
    };
  const issuer = await startDevIssuer({ port: await freePort(), quiet });
  register('token issuer', () => issuer.stop({ timeoutMs: 5_000 }));
  return { issuer, token: tokenSource(issuer.tokenUrl) };
}

/**
 * Starts every subgraph once on its own free port; the audit subgraph reads
 * the gateways' audit store (`auditEnv`). `env` goes to every subgraph (the
 * profile's NODE_OPTIONS).
 */
export async function startSubgraphs(storage, { quiet, auditEnv = {}, env = {}, register = onCleanup }) {
  const started = {};
  for (const subgraph of SUBGRAPHS) {
    const port = await freePort();
    const running = await startSubgraph(subgraph, storage, {
      port,
      quiet,
      env: { ...env, ...(subgraph.ownDatabase === false ? auditEnv : {}) },
      portFallback: true,
    });
    register(`subgraph ${subgraph.name}`, () => running.stop({ timeoutMs: 10_000 }));
    started[subgraph.name] = running;
  }
  return started;
}

/**
 * Whether the subgraphs accept only a context signed by a gateway: asks the
 * beneficiaries subgraph without one. Returns the gateway key the peers must
 * sign each subgraph request with (`{ keyId, privateKey }`), or null when no
 * signature is needed.
 */
export async function signedContextMode(beneficiariesUrl) {
  const body = JSON.stringify({ query: '{ __typename }' });
  const ask = (headers) =>
    fetch(beneficiariesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(5_000),
    });
  const bare = await ask({});
  if (bare.status === 200) return null;
  if (!signerAvailable())
    throw new Error(`the subgraphs refuse unsigned requests (HTTP ${bare.status}) and no signer is built (subgraphs/kit/dist/auth/)`);
  const key = benchContextKey();
  const signed = await ask({ [CONTEXT_HEADER]: peerSigner(contextKeyEnv(key))('beneficiaries', body) });
  if (signed.status !== 200)
    throw new Error(
      `the subgraphs refuse the benchmark's signed context too (HTTP ${signed.status}: ${(await signed.text()).slice(0, 200)})`,
    );
  return key;
}

/**
 * Starts the subgraphs on the storage (with `processEnv` in their
 * environment), and the development issuer when a contestant needs it, each
 * stop registered with `register`; returns the context the contestants
 * start in (`startContestants`).
 */
export async function startFederationContext({
  storage,
  audit,
  contestants,
  work,
  persons,
  personas,
  quiet,
  processEnv,
  register = onCleanup,
}) {
  const subgraphs = await startSubgraphs(storage.storage, { quiet, auditEnv: audit.env, env: processEnv, register });
  const subgraphUrls = Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url]));
  const contextKey = await signedContextMode(subgraphUrls.beneficiaries);
  const { issuer, token } = await startIssuerIfNeeded(contestants, { quiet, register });
  return {
    subgraphs,
    subgraphUrls,
    contextKey,
    work,
    workload: { persons, personas },
    issuer,
    token,
    auditEnv: audit.env,
    processEnv,
    clients: clientsOf(personas),
    supergraphPath: writeRoutedSupergraph(work, subgraphUrls),
    quiet,
  };
}

/** Starts the contestants given, in order; each registers its own stop. */
export async function startContestants(contestants, ctx, log, register = onCleanup) {
  const running = [];
  for (const contestant of contestants) {
    log(`starting ${contestant.name}...`);
    const started = await contestant.start(ctx);
    register(contestant.name, started.stop);
    const clientHeaders = async () => (contestant.clientHeaders ? contestant.clientHeaders(ctx) : {});
    const signedRequests = contestant.signedRequests ? (options) => contestant.signedRequests(ctx, options) : undefined;
    running.push({
      ...contestant,
      url: started.url,
      metricsUrl: started.metricsUrl,
      pid: started.pid,
      child: started.child,
      clientHeaders,
      signedRequests,
    });
  }
  return running;
}
