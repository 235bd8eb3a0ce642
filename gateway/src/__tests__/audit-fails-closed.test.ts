import { PseudonymKeyring, type AuditEvent, type AuditWriter } from '@cmb/audit-store';
import { createLogger, scopeRequirementsFromSdl } from '@cmb/kit';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../context/gateway-context';
import { recordAccessAudit } from '../pipeline/graphql/record-access-audit';
import type { GraphQLStep } from '../pipeline/steps';

const SDL = `
  directive @scopes(anyOf: [String!]!) on FIELD_DEFINITION | OBJECT
  type Query { person(nationalId: String!): Person @scopes(anyOf: ["beneficiary:read"]) }
  type Person { firstName: String! }
`;
const schema = buildSchema(SDL);
const requirements = scopeRequirementsFromSdl(SDL);
const query = '{ person(nationalId: "ZZ000001") { firstName } }';
const document = parse(query);
const operation = document.definitions[0] as OperationDefinitionNode;

/** The moment the answer leaves, as Apollo hands it to the step: a person served, reported by ref only. */
function sending() {
  const response = {
    body: { kind: 'single' as const, singleResult: { data: { person: { firstName: 'Amalia' } } } },
    http: { status: 200 },
  };
  const contextValue = {
    requestId: 'r-1',
    language: 'en',
    caller: { clientId: 'anam-registry', org: 'ANAM', orgKind: 'REGULATOR', purposes: ['beneficiary:read'], tokenId: 't', userId: null },
    subgraphsCalled: new Set(['beneficiaries']),
    servedPersons: new Map([['0f0e0d0c-0b0a-4000-8000-000000000001', { ref: '0f0e0d0c-0b0a-4000-8000-000000000001' }]]),
    auditIntentId: null,
    variables: {},
    startedAt: process.hrtime.bigint(),
  } as unknown as GatewayContext;
  return { response, document, schema, request: { query }, operation, errors: [], contextValue };
}

describe('the audit step fails closed', () => {
  const appended: AuditEvent[] = [];
  const writer = { append: async (event: AuditEvent) => void appended.push(event) } as unknown as AuditWriter;
  const step = (lookup: Parameters<typeof recordAccessAudit>[0]['lookup']): GraphQLStep =>
    recordAccessAudit({
      writer,
      requirementsOf: () => requirements,
      keyring: PseudonymKeyring.parse('v1:a-pseudonymisation-secret-of-32-characters'),
      logger: createLogger('gateway', 'silent'),
      lookup,
    });

  it('records the event and lets the answer leave when nothing fails', async () => {
    const request = sending();
    await step(async () => undefined).willSendResponse?.(request as never);
    expect(appended).toHaveLength(1);
    expect(request.response.http.status).toBe(200);
    expect(request.response.body.singleResult).toEqual({ data: { person: { firstName: 'Amalia' } } });
  });

  it('replaces the answer with AUDIT_UNAVAILABLE when building the event throws, never a 500 with the data', async () => {
    const request = sending();
    const throwing = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    await expect(step(throwing).willSendResponse?.(request as never)).resolves.toBeUndefined();
    expect(request.response.http.status).toBe(503);
    expect(JSON.stringify(request.response.body.singleResult)).not.toContain('Amalia');
    expect(request.response.body.singleResult).toMatchObject({ errors: [{ extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
  });
});
