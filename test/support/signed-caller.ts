import { ContextPublicKeys, contextSigner, DEVELOPMENT_CONTEXT_KEY, verifyCallerContext, type Caller } from '@cmb/kit';

/** Signs caller contexts with the development key, as a development gateway does. */
export const developmentSigner = contextSigner({
  keyId: DEVELOPMENT_CONTEXT_KEY.keyId,
  privateKey: DEVELOPMENT_CONTEXT_KEY.privateKey,
  ttlSeconds: 10,
});

const keys = new ContextPublicKeys().add(DEVELOPMENT_CONTEXT_KEY.keyId, DEVELOPMENT_CONTEXT_KEY.publicKey);

/**
 * The caller a subgraph reads from the context the gateway's data source
 * signs for it at a call (for that subgraph and a body), or why it refuses
 * it: what a gateway step set on the caller, as the subgraph will see it.
 */
export function callerAsSignedFor(caller: Caller, subgraph: string): Caller | { refused: string } {
  const body = '{"query":"mutation { x }"}';
  const verdict = verifyCallerContext(developmentSigner.sign(caller, subgraph, body), { keys, subgraph, body, clockSkewSeconds: 5 });
  return 'caller' in verdict ? verdict.caller : verdict;
}
