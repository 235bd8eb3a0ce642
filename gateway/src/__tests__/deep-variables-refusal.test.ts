import { createLogger, listen, readBody, type RunningServer } from '@cmb/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { testCaller } from '../../../test/support/test-caller';
import type { EdgeRefusal } from '../access-audit/edge-refusals';
import { createGatewayMetrics } from '../metrics/gateway-metrics';
import type { HttpStep } from '../pipeline';
import { createGatewayHandler, type GatewayHandlerOptions } from '../server/gateway-handler';

/** What the HTTP steps leave a request: a synthetic caller, and its body read. */
const admit: HttpStep = async (exchange) => {
  exchange.requestId = 'req-deep';
  exchange.caller = testCaller({
    clientId: 'cabinet-zzp00001',
    org: 'ZZP00001',
    orgKind: 'PROFESSIONAL',
    purposes: ['eligibility:check'],
    nationalId: null,
  });
  exchange.body = await readBody(exchange.req, 1 << 20);
};

/** The handler alone, the refusal's audit given; nothing past the refusal is reached (no Apollo, no subgraph). */
function serve(auditRefusal: GatewayHandlerOptions['auditRefusal']): Promise<RunningServer> {
  const unused = () => {
    throw new Error('not reached by a refused request');
  };
  const options = {
    apollo: { executeHTTPGraphQLRequest: unused },
    metrics: createGatewayMetrics(),
    readiness: { probe: unused },
    auditAvailable: () => true,
    isLoaded: () => true,
    supergraph: unused,
    registry: () => null,
    rateLimits: () => 'memory',
    steps: { everyRoute: [], graphql: [admit] },
    fhir: unused,
    bodyTimeoutMs: 5_000,
    auditRefusal,
  } as unknown as GatewayHandlerOptions;
  return listen(createGatewayHandler(options), {
    host: '127.0.0.1',
    port: 0,
    logger: createLogger('gateway', 'silent'),
    acceptAfterStopMs: 0,
  });
}

/** A check whose variables carry a padding nested past the bound beside the national id (synthetic). */
const DEEP = `{"query":"query Probe($i: EligibilityInput!, $pad: [String]) { eligibility(input: $i) { outcome } }","variables":{"i":{"nationalId":"ZZ000001","providerInpe":"ZZP00001"},"pad":${'['.repeat(40)}${']'.repeat(40)}}}`;

describe('a /graphql request refused because its variables nest past the bound', () => {
  let served: RunningServer | undefined;
  afterEach(async () => served?.close());

  const post = async () => {
    const response = await fetch(`${served?.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: DEEP });
    return { status: response.status, body: (await response.json()) as { errors: { extensions: { code: string } }[] } };
  };

  it('is answered QUERY_TOO_COMPLEX once its refusal, naming the person, is recorded', async () => {
    const recorded: EdgeRefusal[] = [];
    served = await serve(async (_context, refusal) => (recorded.push(refusal), true));
    const answer = await post();
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]?.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(recorded).toMatchObject([{ nationalIds: ['ZZ000001'], code: 'QUERY_TOO_COMPLEX', operationName: 'Probe' }]);
  });

  it('is answered AUDIT_UNAVAILABLE when its refusal cannot be recorded', async () => {
    served = await serve(async () => false);
    const answer = await post();
    expect(answer.status).toBe(503);
    expect(answer.body.errors[0]?.extensions.code).toBe('AUDIT_UNAVAILABLE');
  });
});
