import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Caller } from '@cmb/kit';
import { buildSchema, getVariableValues, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../context/gateway-context';
import { operationPersonRefs } from '../persons/operation-person-refs';
import { careRelationshipsOf, createPersonFactsLookup, type PersonFactsLookup } from '../persons/person-facts-lookup';
import { resolvePersonFacts } from '../pipeline/graphql/resolve-person-facts';
import { callerAsSignedFor, developmentSigner } from '../../../test/support/signed-caller';

/**
 * For a pathway write, the gateway reads from the registry of persons the
 * organisms covering every person the operation names by ref, however the
 * ref is written (a variable, a default, a nested list, a fragment, an alias,
 * two root fields), and signs them in the caller context
 * (caller.personOrganisms); care-pathways holds the write to them.
 */
const schema = buildSchema(`
  type Query { ping: String }
  type Mutation {
    recordPathways(batch: PathwayBatchInput!): Result
    requestPriorApproval(input: RequestInput!): Result
    registerDocument(input: DocumentInput!): Result
  }
  input PathwayBatchInput { idempotencyKey: String!  rows: [RowInput!]! }
  input RowInput { personRef: String!  referringDoctor: DoctorInput  nested: [NestedInput!] }
  input DoctorInput { doctorInpe: String!  validFrom: String }
  input NestedInput { personRef: String  deeper: [NestedInput!] }
  input RequestInput { personRef: String = "${'d'.repeat(8)}-default"  careType: String! }
  input DocumentInput { personRef: String!  title: String }
  type Result { ok: Boolean }
`);

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';
const DEFAULT_REF = `${'d'.repeat(8)}-default`;

/** The operation, its document and its variables as coerceVariables leaves them (coerced, defaults included). */
function prepared(text: string, raw: Record<string, unknown> = {}) {
  const document = parse(text);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  if (!operation) throw new Error('no operation');
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], raw);
  if (!('coerced' in coerced) || !coerced.coerced) throw new Error('variables do not coerce');
  return { document, operation, variables: coerced.coerced };
}

function refsOf(text: string, raw: Record<string, unknown> = {}, max = 500) {
  const { document, operation, variables } = prepared(text, raw);
  return operationPersonRefs(schema, document, operation, variables, max);
}

describe('the person refs a pathway write names, as it will run', () => {
  it.each<{ name: string; text: string; variables?: Record<string, unknown>; refs: string[] }>([
    {
      name: 'literals in a nested list of input objects',
      text: `mutation { recordPathways(batch: { idempotencyKey: "k", rows: [{ personRef: "${A}" }, { personRef: "${B}", nested: [{ deeper: [{ personRef: "${C}" }] }] }] }) { ok } }`,
      refs: [A, B, C],
    },
    {
      name: 'hidden in a variable, deep in its rows',
      text: 'mutation ($b: PathwayBatchInput!) { recordPathways(batch: $b) { ok } }',
      variables: { b: { idempotencyKey: 'k', rows: [{ personRef: A, nested: [{ personRef: B }] }] } },
      refs: [A, B],
    },
    {
      name: 'a variable inside a literal list',
      text: 'mutation ($p: String!) { recordPathways(batch: { idempotencyKey: "k", rows: [{ personRef: $p }] }) { ok } }',
      variables: { p: C },
      refs: [C],
    },
    {
      name: "in a variable's default value",
      text: `mutation ($b: PathwayBatchInput! = { idempotencyKey: "k", rows: [{ personRef: "${A}" }] }) { recordPathways(batch: $b) { ok } }`,
      refs: [A],
    },
    {
      name: "in an input field's default value",
      text: 'mutation { requestPriorApproval(input: { careType: "HOSPITALISATION" }) { ok } }',
      refs: [DEFAULT_REF],
    },
    {
      name: 'behind an alias in a named fragment, and an inline fragment',
      text: `mutation { ...F ... on Mutation { b: registerDocument(input: { personRef: "${B}" }) { ok } } } fragment F on Mutation { innocent: requestPriorApproval(input: { personRef: "${A}", careType: "X" }) { ok } }`,
      refs: [A, B],
    },
    {
      name: 'two root fields in one mutation',
      text: `mutation ($i: RequestInput!) { requestPriorApproval(input: $i) { ok } recordPathways(batch: { idempotencyKey: "k", rows: [{ personRef: "${B}" }] }) { ok } }`,
      variables: { i: { personRef: A, careType: 'X' } },
      refs: [A, B],
    },
    {
      name: 'a variable the operation defines but no field uses is not run, so not read',
      text: 'mutation ($unused: RowInput) { recordPathways(batch: { idempotencyKey: "k", rows: [] }) { ok } }',
      variables: { unused: { personRef: A } },
      refs: [],
    },
    {
      name: 'each ref once',
      text: `mutation { recordPathways(batch: { idempotencyKey: "k", rows: [{ personRef: "${A}" }, { personRef: "${A}" }] }) { ok } }`,
      refs: [A],
    },
  ])('$name', ({ text, variables, refs }) => {
    const found = refsOf(text, variables);
    expect('refs' in found ? [...found.refs].sort() : found).toEqual([...refs].sort());
  });

  it('stops at the bound: more refs than a batch holds is too many, repeated or not', () => {
    const rows = Array.from({ length: 4 }, () => ({ personRef: A }));
    const text = 'mutation ($b: PathwayBatchInput!) { recordPathways(batch: $b) { ok } }';
    expect(refsOf(text, { b: { idempotencyKey: 'k', rows } }, 3)).toEqual({ tooMany: true });
    expect(refsOf(text, { b: { idempotencyKey: 'k', rows } }, 4)).toEqual({ refs: [A] });
  });
});

/** What care-pathways reads of the caller, as the data source signs it at a call. */
function signedOrganisms(contextValue: GatewayContext): unknown {
  const signed = callerAsSignedFor(contextValue.caller, 'care-pathways');
  return 'refused' in signed ? signed.refused : signed.personOrganisms;
}

/**
 * The registry as the describer answers: A at CNSS, B at CNOPS and CNSS (double registration), C covered by nobody;
 * the clinic ZZP00010 checked A ELIGIBLE on 2026-03-01, the hospital ZZP00004 checked B.
 */
function registry(failing = false): PersonFactsLookup & { asked: string[][]; careAskedOf: string[] } {
  const asked: string[][] = [];
  const careAskedOf: string[] = [];
  const known: Record<string, string[]> = { [A]: ['CNSS'], [B]: ['CNOPS', 'CNSS'], [C]: [] };
  const checks: Record<string, Record<string, string>> = { ZZP00010: { [A]: '2026-03-01' }, ZZP00004: { [B]: '2026-03-02' } };
  const lookup: PersonFactsLookup = async (refs, _requestId, into, care) => {
    asked.push([...refs]);
    if (care) careAskedOf.push(care.org);
    if (failing) throw new Error('beneficiaries down');
    for (const ref of refs) into.set(ref, known[ref] ? { ref, nationalId: 'ZZ000001', organisms: known[ref] } : { ref });
    for (const ref of refs) {
      const day = care ? checks[care.org]?.[ref] : undefined;
      if (care && day) care.into.set(ref, day);
    }
  };
  return Object.assign(lookup, { asked, careAskedOf });
}

async function run(text: string, raw: Record<string, unknown>, caller: Partial<Caller>, lookup = registry()) {
  const { document, operation, variables } = prepared(text, raw);
  const contextValue = {
    requestId: 'r',
    language: 'fr',
    caller: {
      clientId: 'og-cnss',
      org: 'CNSS',
      orgKind: 'OG',
      purposes: ['pathway:write'],
      tokenId: null,
      userId: null,
      requestId: 'r',
      ...caller,
    },
    variables,
  } as unknown as GatewayContext;
  await resolvePersonFacts(lookup, 500).didResolveOperation?.({ schema, document, operation, contextValue } as never);
  return { contextValue, lookup };
}

const BATCH = 'mutation ($b: PathwayBatchInput!) { recordPathways(batch: $b) { ok } }';
const rows = (...refs: string[]) => ({ b: { idempotencyKey: 'k', rows: refs.map((personRef) => ({ personRef })) } });

describe('resolvePersonFacts', () => {
  it('signs the organisms covering each named person; a ref the registry does not know is absent', async () => {
    const stranger = 'eeeeeeee-0000-4000-8000-000000000009';
    const { contextValue, lookup } = await run(BATCH, rows(A, B, C, stranger), {});
    expect(lookup.asked).toEqual([[A, B, C, stranger]]);
    const expected = { [A]: ['CNSS'], [B]: ['CNOPS', 'CNSS'], [C]: [] };
    expect(contextValue.caller.personOrganisms).toEqual(expected);
    expect(signedOrganisms(contextValue)).toEqual(expected);
  });

  it('replaces whatever the caller carried, and asks nothing for a write that names nobody', async () => {
    const forged = { personOrganisms: { [C]: ['CNSS'] } };
    expect((await run(BATCH, rows(C), forged)).contextValue.caller.personOrganisms).toEqual({ [C]: [] });
    const { contextValue, lookup } = await run(BATCH, rows(), forged);
    expect(contextValue.caller.personOrganisms).toEqual({});
    expect(lookup.asked).toEqual([]);
  });

  it("an establishment's prior approval request gets the same facts", async () => {
    const text = 'mutation ($i: RequestInput!) { requestPriorApproval(input: $i) { ok } }';
    const { contextValue } = await run(
      text,
      { i: { personRef: B, careType: 'X' } },
      {
        clientId: 'hopital-zzp00004',
        org: 'ZZP00004',
        orgKind: 'ESTABLISHMENT',
        purposes: ['pathway:request'],
      },
    );
    expect(contextValue.caller.personOrganisms).toEqual({ [B]: ['CNOPS', 'CNSS'] });
  });

  it('stops the write with SUBGRAPH_UNAVAILABLE when the registry cannot answer: never guessed', async () => {
    await expect(run(BATCH, rows(A), {}, registry(true))).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'SUBGRAPH_UNAVAILABLE' },
    });
  });

  it('refuses more refs than a batch holds with BAD_USER_INPUT, before asking anyone', async () => {
    const lookup = registry();
    const many = Array.from({ length: 501 }, (_, i) => `ffffffff-0000-4000-8000-${String(i).padStart(12, '0')}`);
    await expect(run(BATCH, rows(...many), {}, lookup)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', reason: 'BATCH_TOO_LARGE' },
    });
    expect(lookup.asked).toEqual([]);
  });

  it('leaves other purposes and reads alone', async () => {
    const records = await run(BATCH, rows(A), { purposes: ['records:read'] });
    expect(records.contextValue.caller.personOrganisms).toBeUndefined();
    expect(records.contextValue.caller.careRelationships).toBeUndefined();
    expect(records.lookup.asked).toEqual([]);
    const { document, operation } = prepared('query { ping }');
    const contextValue = { caller: { purposes: ['pathway:write'] }, variables: {} } as unknown as GatewayContext;
    await resolvePersonFacts(registry(), 500).didResolveOperation?.({ schema, document, operation, contextValue } as never);
    expect(contextValue.caller.personOrganisms).toBeUndefined();
  });
});

const DOCUMENT = 'mutation ($i: DocumentInput!) { registerDocument(input: $i) { ok } }';
const CLINIC: Partial<Caller> = { clientId: 'clinique-zzp00010', org: 'ZZP00010', orgKind: 'ESTABLISHMENT', purposes: ['records:write'] };

/** What medical-records reads of the caller, as the data source signs it at a call. */
function signedCareRelationships(contextValue: GatewayContext): unknown {
  const signed = callerAsSignedFor(contextValue.caller, 'medical-records');
  return 'refused' in signed ? signed.refused : signed.careRelationships;
}

describe('resolvePersonFacts for a record write', () => {
  it("signs the caller's own care relationships with the persons named, however the ref is written; none with another person", async () => {
    const { contextValue, lookup } = await run(DOCUMENT, { i: { personRef: A } }, CLINIC);
    expect(lookup.careAskedOf).toEqual(['ZZP00010']);
    expect(signedCareRelationships(contextValue)).toEqual({ [A]: '2026-03-01' });
    expect(contextValue.caller.personOrganisms).toBeUndefined();
    // B is in the hospital's care, not the clinic's: nothing for the clinic, through an alias in a fragment too.
    const aliased = await run(
      `mutation { ...F } fragment F on Mutation { note: registerDocument(input: { personRef: "${B}" }) { ok } }`,
      {},
      CLINIC,
    );
    expect(signedCareRelationships(aliased.contextValue)).toEqual({});
  });

  it('asks and signs for a ref as the subgraphs read it: trimmed, in lower case (an upper-case ref was refused)', async () => {
    const { contextValue } = await run(DOCUMENT, { i: { personRef: ` ${A.toUpperCase()} ` } }, CLINIC);
    expect(signedCareRelationships(contextValue)).toEqual({ [A]: '2026-03-01' });
  });

  it('replaces whatever the caller carried, and asks nothing for a write that names nobody or a caller that gives no care', async () => {
    const forged = { ...CLINIC, careRelationships: { [B]: '2026-03-02' } };
    expect((await run(DOCUMENT, { i: { personRef: B } }, forged)).contextValue.caller.careRelationships).toEqual({});
    const insurer = await run(DOCUMENT, { i: { personRef: A } }, { ...forged, org: 'CNSS', orgKind: 'OG' });
    expect(insurer.contextValue.caller.careRelationships).toEqual({});
    expect(insurer.lookup.asked).toEqual([]);
  });

  it('stops the write with SUBGRAPH_UNAVAILABLE when the registry cannot answer: a care relationship is never guessed', async () => {
    await expect(run(DOCUMENT, { i: { personRef: A } }, CLINIC, registry(true))).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'SUBGRAPH_UNAVAILABLE' },
    });
  });
});

describe('the registry lookup for a record write', () => {
  it("asks for the caller's organisation, keeps only the refs asked with a day, and fails on an answer without care relationships", async () => {
    let answer: unknown = null;
    const asked: unknown[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        asked.push(JSON.parse(body));
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const lookup = createPersonFactsLookup({
      registryUrl: () => `http://127.0.0.1:${port}/graphql`,
      signer: developmentSigner,
      tls: null,
      timeoutMs: 2_000,
      maxAnswerBytes: 65_536,
      tracing: null,
    });
    try {
      answer = {
        data: { __typename: 'Query' },
        extensions: {
          cmbServedPersons: [{ ref: A }, { ref: B }],
          cmbCareRelationships: { [A]: '2026-03-01', [B]: 'yesterday', [C]: '2026-03-01' },
        },
      };
      expect(await careRelationshipsOf(lookup, 'ZZP00010', [A, B], 'r')).toEqual({ [A]: '2026-03-01' });
      expect(asked[0]).toMatchObject({ extensions: { cmbDescribePersons: [A, B], cmbCareRelationships: 'ZZP00010' } });
      answer = { data: { __typename: 'Query' }, extensions: { cmbServedPersons: [{ ref: A }] } };
      await expect(careRelationshipsOf(lookup, 'ZZP00010', [A], 'r')).rejects.toThrow(/without care relationships/);
    } finally {
      server.close();
    }
  });
});
