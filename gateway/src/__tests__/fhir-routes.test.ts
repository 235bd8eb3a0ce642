import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Caller } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import type { EdgeRefusal } from '../access-audit/edge-refusals';
import type { GatewayContext } from '../context/gateway-context';
import { createFhirFacade } from '../fhir/fhir-routes';
import { namedPatient } from '../fhir/named-patient';
import { IDENTIFIER_SYSTEMS } from '../fhir/systems';
import type { HttpExchange } from '../pipeline';

/** A request to the facade without a socket: its method and URL, and the status it was answered with. */
function exchangeOf(
  method: string,
  url: string,
  admitted: { caller: Caller; body: string } | null = null,
): { exchange: HttpExchange; status: () => number | null } {
  let status: number | null = null;
  const headers = admitted ? { 'content-type': 'application/fhir+json' } : {};
  const req = { method, url, headers, resume: () => undefined } as unknown as IncomingMessage;
  const res = {
    writeHead: (code: number) => {
      status = code;
      return res;
    },
    end: () => res,
  } as unknown as ServerResponse;
  return {
    exchange: { req, res, requestId: 'r', language: 'en', caller: admitted?.caller ?? null, body: admitted?.body ?? '' },
    status: () => status,
  };
}

describe('the FHIR facade routes', () => {
  // Never reached by these requests: they are refused before any check runs.
  const facade = createFhirFacade({ apollo: {} as ApolloServer<GatewayContext>, steps: [], metadataSteps: [], auditRefusal: null });

  it.each([
    { route: '/fhir/r4/metadata', status: 200 },
    { route: '/fhir/r4/metadata/', status: 200 },
    { route: '/fhir/r4/metadata//', status: 200 },
    { route: '/fhir/r4/Patient', status: 404 },
  ])('GET $route: $status', async ({ route, status }) => {
    const { exchange, status: answered } = exchangeOf('GET', route);
    await facade(exchange, route);
    expect(answered()).toBe(status);
  });

  it('reads a path of many slashes in linear time (a request line of slashes cannot hold the event loop)', async () => {
    const route = `/fhir${'/'.repeat(100_000)}x`;
    const { exchange, status } = exchangeOf('GET', route);
    const started = performance.now();
    await facade(exchange, route);
    expect(status()).toBe(404);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('a check the reader refuses at the edge', () => {
  const caller: Caller = {
    clientId: 'hopital-zzp00004',
    org: 'ZZP00004',
    orgKind: 'ESTABLISHMENT',
    purposes: ['eligibility:check'],
    tokenId: 't',
    userId: null,
    requestId: 'r',
  };
  // Refused for its status; its patient, a contained resource, still names a (synthetic) person.
  const refused = JSON.stringify({
    resourceType: 'CoverageEligibilityRequest',
    status: 'cancelled',
    patient: { reference: '#p' },
    contained: [{ resourceType: 'Patient', id: 'p', identifier: [{ system: IDENTIFIER_SYSTEMS.cin, value: 'zz000001' }] }],
  });
  const route = '/fhir/r4/CoverageEligibilityRequest';

  it.each([
    { committed: true, status: 400 },
    { committed: false, status: 503 },
  ])('is recorded naming the person first (committed $committed: HTTP $status)', async ({ committed, status }) => {
    const recorded: EdgeRefusal[] = [];
    const facade = createFhirFacade({
      // Never reached: the reader refuses before the graph is asked.
      apollo: {} as ApolloServer<GatewayContext>,
      steps: [],
      metadataSteps: [],
      auditRefusal: async (_context, refusal) => {
        recorded.push(refusal);
        return committed;
      },
    });
    const { exchange, status: answered } = exchangeOf('POST', route, { caller, body: refused });
    await facade(exchange, route);
    expect(recorded).toEqual([
      expect.objectContaining({
        nationalIds: ['ZZ000001'],
        code: 'BAD_USER_INPUT',
        operationName: 'FhirCoverageEligibility',
        field: 'eligibility',
      }),
    ]);
    expect(answered()).toBe(status);
  });
});

describe('the patient a request names, read as the reader reads it', () => {
  const cin = (value: string) => ({ system: IDENTIFIER_SYSTEMS.cin, value });
  const contained = (identifier: unknown) => ({ patient: { reference: '#p' }, contained: [{ id: 'p', identifier }] });
  it.each([
    { body: { patient: { identifier: cin('ZZ000001') } }, found: 'ZZ000001' },
    { body: contained([{ system: 'urn:oid:1.2.3.4.hospital-mrn', value: 'P123456' }, cin(' zz000002 ')]), found: 'ZZ000002' },
    // A value of another scheme's form under the CIN's system, an overlong one, a reference to nothing: no one.
    { body: contained([cin('S20150412001')]), found: null },
    { body: contained([cin('ZZ000003'.repeat(20))]), found: null },
    { body: { patient: { reference: '#other' }, contained: [{ id: 'p', identifier: [cin('ZZ000001')] }] }, found: null },
    // The local reference is read first, as the reader reads it.
    { body: { ...contained([cin('ZZ000004')]), patient: { reference: '#p', identifier: cin('ZZ000005') } }, found: 'ZZ000004' },
    { body: { patient: 'ZZ000001' }, found: null },
    { body: [], found: null },
  ])('$found', ({ body, found }) => {
    expect(namedPatient(body)).toBe(found);
  });
});
