import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PseudonymKeyring, type AuditEvent, type AuditWriter } from '@cmb/audit-store';
import { apiSchemaOf } from '@cmb/composition';
import { createLogger, scopeRequirementsFromSdl, type ServedPerson } from '@cmb/kit';
import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../context/gateway-context';
import { personsInVariables } from '../access-audit/subjects';
import { recordAccessAudit } from '../pipeline/graphql/record-access-audit';

/**
 * A write naming its person by a ref written in upper case or with spaces:
 * every subgraph reads it as `normaliseUuid` does (trimmed, lower case), and
 * so must the audit, which asks the registry to describe it (matched exactly,
 * as stored): otherwise the event carries neither the pseudonym of the
 * person's national id nor the organisms covering them, and neither the
 * person's own access history nor their insurer's officer sees the attempt.
 */
const SUPERGRAPH = readFileSync(join(__dirname, '../../supergraph/supergraph.graphql'), 'utf8');
const schema = apiSchemaOf(SUPERGRAPH);
const requirements = scopeRequirementsFromSdl(SUPERGRAPH);
const keyring = PseudonymKeyring.parse('v1:a-pseudonymisation-secret-of-32-characters');

const REF = '9b2e7d10-3c4f-4a8b-8e1d-6f0a2b3c4d5e';
/** The registry of persons as `describePersons` reads it: by ref, exactly as stored (lower case). */
const REGISTRY = new Map<string, { nationalId: string; organisms: string[] }>([[REF, { nationalId: 'ZZ000001', organisms: ['CNSS'] }]]);

const MUTATION = /* GraphQL */ `
  mutation Register($input: RegisterDocumentInput!) {
    registerDocument(input: $input) {
      id
      status
    }
  }
`;
const input = (personRef: string) => ({
  personRef,
  type: 'CR_HOSPITALISATION',
  title: 'Compte rendu',
  authorInpe: 'ZZP00004',
  custodianInpe: 'ZZP00004',
  repositoryUrl: 'https://dmp.zzp00004.example/doc/1',
  sha256: 'a'.repeat(64),
  sizeBytes: 1000,
  mimeType: 'application/pdf',
  confidentiality: 'NORMAL',
  serviceDate: '2026-03-02',
});

async function intentOf(personRef: string): Promise<AuditEvent> {
  const appended: AuditEvent[] = [];
  const step = recordAccessAudit({
    writer: { append: async (event: AuditEvent) => void appended.push(event) } as unknown as AuditWriter,
    requirementsOf: () => requirements,
    keyring,
    logger: createLogger('gateway', 'silent'),
    // As createPersonFactsLookup and beneficiaries' describePersons do: refs sent as given, matched exactly.
    lookup: async (refs: readonly string[], _requestId: string, into: Map<string, ServedPerson>) => {
      for (const ref of refs) {
        const known = REGISTRY.get(ref);
        if (known) into.set(ref, { ref, nationalId: known.nationalId, organisms: known.organisms });
      }
    },
  });
  const document = parse(MUTATION);
  const contextValue = {
    requestId: 'r-1',
    language: 'en',
    caller: {
      clientId: 'hopital-zzp00004',
      org: 'ZZP00004',
      orgKind: 'ESTABLISHMENT',
      purposes: ['records:write'],
      tokenId: 't',
      userId: null,
      nationalId: null,
    },
    subgraphsCalled: new Set<string>(),
    servedPersons: new Map(),
    auditIntentId: null,
    variables: { input: input(personRef) },
    startedAt: process.hrtime.bigint(),
  } as unknown as GatewayContext;
  const operation = document.definitions[0] as OperationDefinitionNode;
  await step.didResolveOperation?.({ document, schema, request: { query: MUTATION }, operation, contextValue } as never);
  expect(appended).toHaveLength(1);
  return appended[0] as AuditEvent;
}

describe('the audit of a record write naming its person by a ref in another spelling', () => {
  it('names the person by national id and insurer when the ref is written as stored (control)', async () => {
    const event = await intentOf(REF);
    expect(event.subjects).toContain(keyring.pseudonymise('ZZ000001'));
    expect(event.organisms).toEqual(['CNSS']);
  });

  it.each([REF.toUpperCase(), `  ${REF} `])('names the person by national id and insurer for the ref %j too', async (written) => {
    const event = await intentOf(written);
    expect(event.subjects).toContain(keyring.pseudonymise('ZZ000001'));
    expect(event.organisms).toEqual(['CNSS']);
  });

  it("reads the refs of a refused request's variables the same way", () => {
    expect(personsInVariables({ input: { personRef: ` ${REF.toUpperCase()}` } }).refs).toEqual([REF]);
  });
});
