import { operationHash } from '@cmb/audit-store';
import { getOperationAST, parse, type DocumentNode } from 'graphql';
import type { GatewayContext } from '../context/gateway-context';
import { MAX_DOCUMENT_TOKENS } from '../pipeline/graphql/bound-document-size';
import { MAX_NAMED_PERSONS } from '../pipeline/graphql/record-access-audit';
import type { EdgeRefusalAudit } from './edge-refusals';
import { selectedOperationDocument } from './selected-operation';
import { documentAuditFacts, personsInVariables, refsOf, subjectsOf } from './subjects';

/** A `/graphql` request as it was sent: its text, its operation's name, its variables and a persisted query's hash, as the client wrote them. */
export interface SentRequest {
  query: unknown;
  operationName: unknown;
  variables: unknown;
  /** `extensions.persistedQuery.sha256Hash` of a request sent by its hash. */
  persistedHash?: unknown;
}

/** The persons a request names, as far as its text and variables can be read. */
export interface NamedPersons {
  nationalIds: string[];
  refs: string[];
}

/** What a request's text says: the document of the operation it runs and that operation's name; null when it has no text, its text does not parse within the parser's bound, or names no one operation. */
function runningOperation(sent: SentRequest): { document: DocumentNode; name: string | null } | null {
  if (typeof sent.query !== 'string') return null;
  try {
    const document = parse(sent.query, { maxTokens: MAX_DOCUMENT_TOKENS });
    const operation = getOperationAST(document, typeof sent.operationName === 'string' ? sent.operationName : undefined);
    return operation ? { document: selectedOperationDocument(document, operation), name: operation.name?.value ?? null } : null;
  } catch {
    return null;
  }
}

/** The persons named by a request whose running operation was read (null: none could be). */
function personsOf(
  running: { document: DocumentNode } | null,
  sent: SentRequest,
  callerNationalId: string | null | undefined,
): NamedPersons {
  const values =
    sent.variables && typeof sent.variables === 'object' && !Array.isArray(sent.variables)
      ? (sent.variables as Record<string, unknown>)
      : undefined;
  if (!running) {
    const named = personsInVariables(values);
    const nationalIds = [...new Set([...(callerNationalId ? [callerNationalId] : []), ...named.nationalIds])];
    return { nationalIds: nationalIds.slice(0, MAX_NAMED_PERSONS), refs: named.refs.slice(0, MAX_NAMED_PERSONS) };
  }
  const facts = documentAuditFacts(running.document);
  return {
    nationalIds: subjectsOf(facts, values, callerNationalId).slice(0, MAX_NAMED_PERSONS),
    refs: refsOf(facts, values).slice(0, MAX_NAMED_PERSONS),
  };
}

/**
 * The persons a `/graphql` request names, read as it was sent, for the
 * audit of a refusal made before Apollo ran it (variables nested past the
 * bound): with a document, the national ids and refs the operation it runs
 * writes as literals or passes in variables, defaults included, as the audit
 * step reads them; without one (a persisted query sent by its hash, a text
 * that does not parse), what its variables name ({@link personsInVariables}).
 * Each value is walked down to `MAX_VARIABLES_DEPTH` levels only, and at most
 * `MAX_NAMED_PERSONS` of each kind are named; the signed-in person first.
 */
export function personsNamedBy(sent: SentRequest, callerNationalId: string | null | undefined): NamedPersons {
  return personsOf(runningOperation(sent), sent, callerNationalId);
}

/** The hash the trail keeps of a request's operation: of its text, else the persisted query's hash it was sent by. */
function hashOf(sent: SentRequest): string {
  if (typeof sent.query === 'string') return operationHash(sent.query);
  return typeof sent.persistedHash === 'string' && /^[0-9a-f]{64}$/.test(sent.persistedHash) ? sent.persistedHash : operationHash('');
}

/**
 * Records a `/graphql` request refused before Apollo ran it (`code`: the
 * refusal's) when it names a person ({@link personsNamedBy}): probing for
 * persons is in the trail, a refused request about no one is not (as the
 * audit step records only personal data); resolves to true once recorded or
 * when there is nothing to record (or the audit is off), false when the
 * audit store failed (the request is then answered `AUDIT_UNAVAILABLE`).
 */
export async function recordRefusedRequest(
  audit: EdgeRefusalAudit | null,
  context: GatewayContext,
  sent: SentRequest,
  code: string,
): Promise<boolean> {
  if (!audit) return true;
  const running = runningOperation(sent);
  const persons = personsOf(running, sent, context.caller.nationalId);
  if (persons.nationalIds.length === 0 && persons.refs.length === 0) return true;
  return audit(context, {
    ...persons,
    code,
    operationName: running?.name ?? (typeof sent.operationName === 'string' ? sent.operationName : null),
    operationHash: hashOf(sent),
  });
}
