import { createLogger, listen, type RunningServer } from '@cmb/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayMetrics } from '../metrics/gateway-metrics';
import { createGatewayHandler, type GatewayHandlerOptions } from '../server/gateway-handler';

/**
 * The chart's readiness probe of every gateway pod is `/readyz`
 * (deploy/helm/templates/gateway.yaml). A subgraph that is down is down for
 * every replica: were `/readyz` to answer 503 for it, every replica would
 * leave the Service's endpoints at once and the ingress would answer 503 to
 * every check, so the degraded answers the contract promises (the coverage
 * without the pathway, SUBGRAPH_UNAVAILABLE) would never reach a client.
 * Readiness is the replica's own state: its supergraph and its audit store.
 */
function serve(reachable: Record<string, boolean>, own: { audit?: boolean; loaded?: boolean } = {}): Promise<RunningServer> {
  const unused = () => {
    throw new Error('not reached by /readyz');
  };
  const options = {
    apollo: { executeHTTPGraphQLRequest: unused },
    metrics: createGatewayMetrics(),
    readiness: { probe: async () => ({ reachable, referenceCopies: {} }) },
    auditAvailable: () => own.audit ?? true,
    isLoaded: () => own.loaded ?? true,
    supergraph: () => ({ version: null, sha256: 'x', source: 'build', loadedAt: new Date(0).toISOString(), ogSubgraphs: [] }),
    registry: () => null,
    rateLimits: () => 'memory',
    steps: { everyRoute: [], graphql: [] },
    fhir: unused,
    bodyTimeoutMs: 5_000,
    auditRefusal: null,
  } as unknown as GatewayHandlerOptions;
  return listen(createGatewayHandler(options), {
    host: '127.0.0.1',
    port: 0,
    logger: createLogger('gateway', 'silent'),
    acceptAfterStopMs: 0,
  });
}

const ALL_UP = {
  beneficiaries: true,
  providers: true,
  'care-pathways': true,
  medicines: true,
  'medical-records': true,
  audit: true,
  registry: true,
};

describe('gateway readiness', () => {
  let served: RunningServer | undefined;
  afterEach(async () => served?.close());

  it.each(['providers', 'care-pathways', 'medicines', 'beneficiaries'])(
    'stays ready while %s is down, and names it: every answer says what it could not read',
    async (down) => {
      served = await serve({ ...ALL_UP, [down]: false });
      const answer = await fetch(`${served.url}/readyz`);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ status: 'ready', subgraphs: { [down]: false } });
    },
  );

  it('is not ready while its audit store cannot be written (personal data is refused)', async () => {
    served = await serve(ALL_UP, { audit: false });
    const answer = await fetch(`${served.url}/readyz`);
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ status: 'not ready', auditStore: false });
  });

  it('is not ready before its supergraph is loaded', async () => {
    served = await serve(ALL_UP, { loaded: false });
    expect((await fetch(`${served.url}/readyz`)).status).toBe(503);
  });
});
