import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PseudonymKeyring, type AuditEvent, type AuditWriter } from '@cmb/audit-store';
import { apiSchemaOf } from '@cmb/composition';
import { createLogger, scopeRequirementsFromSdl } from '@cmb/kit';
import { parse, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config';
import type { GatewayContext } from '../context/gateway-context';
import { exceededLimit, measureOperation } from '../pipeline/graphql/enforce-limits';
import { MAX_NAMED_PERSONS, recordAccessAudit } from '../pipeline/graphql/record-access-audit';

/**
 * An OG's request of several affiliation batches under aliases: each within
 * the batch bound (1,000 rows) and together within every bound of the
 * gateway, yet naming more persons than an event takes. Rows refused
 * (`DUPLICATE_REGISTRATION` tells the OG which other OG covers a person)
 * are reported by no subgraph: the request is the only place they are named,
 * so a request naming more than an event takes is refused before it runs.
 */
const SUPERGRAPH = readFileSync(join(__dirname, '../../supergraph/supergraph.graphql'), 'utf8');
const schema = apiSchemaOf(SUPERGRAPH);
const requirements = scopeRequirementsFromSdl(SUPERGRAPH);

/** One OG request of `count` affiliation batches, each under its alias. */
const queryOf = (count: number) => {
  const aliases = ['a', 'b', 'c'].slice(0, count);
  return `mutation (${aliases.map((alias) => `$${alias}: AffiliationBatchInput!`).join(', ')}) {
    ${aliases.map((alias) => `${alias}: upsertAffiliations(batch: $${alias}) { applied rows { index code conflictingOrganism } }`).join('\n')}
  }`;
};

const row = (n: number) => ({
  nationalId: `ZZ${String(n).padStart(6, '0')}`,
  firstName: 'X',
  lastName: 'Y',
  birthDate: '1990-01-01',
  sex: 'F',
  regime: 'AMO_TNS',
  role: 'INSURED',
  memberNumber: `M${n}`,
  validFrom: '2026-03-01',
});
const batch = (key: string, from: number) => ({
  idempotencyKey: key,
  organism: 'CNSS',
  rows: Array.from({ length: 1000 }, (_, i) => row(from + i)),
});

describe('an operation naming more persons than an audit event takes', () => {
  const variables = { a: batch('probe-a-0001', 100_000), b: batch('probe-b-0001', 200_000), c: batch('probe-c-0001', 300_000) };

  /** The audit step's check of an operation (the mutation's intent), and the events it appended. */
  const resolve = (count: number) => resolveDocument(queryOf(count), Object.fromEntries(Object.entries(variables).slice(0, count)));
  const resolveDocument = async (query: string, operationVariables: Record<string, unknown>) => {
    const appended: AuditEvent[] = [];
    const step = recordAccessAudit({
      writer: { append: async (event: AuditEvent) => void appended.push(event) } as unknown as AuditWriter,
      requirementsOf: () => requirements,
      keyring: PseudonymKeyring.parse('v1:a-pseudonymisation-secret-of-32-characters'),
      logger: createLogger('gateway', 'silent'),
      lookup: async () => undefined,
    });
    const document = parse(query);
    const contextValue = {
      requestId: 'r-1',
      language: 'en',
      caller: {
        clientId: 'og-cnss',
        org: 'CNSS',
        orgKind: 'OG',
        purposes: ['beneficiary:write'],
        tokenId: 't',
        userId: null,
        nationalId: null,
      },
      subgraphsCalled: new Set<string>(),
      servedPersons: new Map(),
      auditIntentId: null,
      variables: operationVariables,
      startedAt: process.hrtime.bigint(),
    } as unknown as GatewayContext;
    const operation = document.definitions[0] as OperationDefinitionNode;
    const run = step.didResolveOperation?.({ document, schema, request: { query }, operation, contextValue } as never);
    return { run: Promise.resolve(run), appended };
  };

  it('passes every other bound of the gateway (three batches of 1,000 rows)', () => {
    const document = parse(queryOf(3));
    expect(validate(schema, document)).toEqual([]);
    const config = loadGatewayConfig({ NODE_ENV: 'development' });
    expect(JSON.stringify({ query: queryOf(3), variables }).length).toBeLessThan(config.maxBodyBytes);
    expect(exceededLimit(measureOperation(schema, document, config.limits.listFactor), config.limits)).toBeNull();
  });

  it('is refused before it runs (TOO_MANY_PERSONS), no intent written', async () => {
    const { run, appended } = await resolve(3);
    await expect(run).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_PERSONS', params: { max: MAX_NAMED_PERSONS } },
    });
    expect(appended).toEqual([]);
  });

  it('runs at the bound, its intent naming every person', async () => {
    const { run, appended } = await resolve(2);
    await run;
    expect(appended).toHaveLength(1);
    expect(appended[0]?.subjects).toHaveLength(MAX_NAMED_PERSONS);
  });

  it('is refused for a read as well (a query naming more persons under aliases)', async () => {
    const reads = Array.from(
      { length: MAX_NAMED_PERSONS + 1 },
      (_, n) => `p${n}: person(nationalId: "ZZ${String(n).padStart(6, '0')}") { firstName }`,
    );
    const { run, appended } = await resolveDocument(`{ ${reads.join(' ')} }`, {});
    await expect(run).rejects.toMatchObject({ extensions: { reason: 'TOO_MANY_PERSONS' } });
    expect(appended).toEqual([]);
  });
});
