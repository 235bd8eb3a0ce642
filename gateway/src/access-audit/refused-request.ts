import { operationHash } from '@cmb/audit-store';
import { parse, type DocumentNode } from 'graphql';
import type { GatewayContext } from '../context/gateway-context';
import { MAX_DOCUMENT_TOKENS } from '../pipeline/graphql/bound-document-size';
import { MAX_NAMED_PERSONS } from '../pipeline/graphql/record-access-audit';
import type { EdgeRefusalAudit } from './edge-refusals';
import { documentAuditFacts, refsOf, subjectsOf } from './subjects';

/** The persons a request names, as far as its text and variables can be read. */
export interface NamedPersons {
  nationalIds: string[];
  refs: string[];
}

/** The document of a request's text, or null when it has none or does not parse within the parser's bound of tokens. */
function documentOf(query: unknown): DocumentNode | null {
  if (typeof query !== 'string') return null;
  try {
    return parse(query, { maxTokens: MAX_DOCUMENT_TOKENS });
  } catch {
    return null;
  }
}

/**
 * The persons a `/graphql` request names, read as it was sent, for the
 * audit of a refusal made before Apollo ran it (variables nested past the
 * bound): the national ids and refs its document writes as literals or
 * passes in variables, defaults included, as the audit step reads them, each
 * variable walked down to `MAX_VARIABLES_DEPTH` levels only (so the deepest
 * request costs a bounded walk); at most `MAX_NAMED_PERSONS` of each kind.
 * A text that does not parse names no one.
 */
export function personsNamedBy(query: unknown, variables: unknown, callerNationalId: string | null | undefined): NamedPersons {
  const document = documentOf(query);
  if (!document) return { nationalIds: callerNationalId ? [callerNationalId] : [], refs: [] };
  const facts = documentAuditFacts(document);
  const values =
    variables && typeof variables === 'object' && !Array.isArray(variables) ? (variables as Record<string, unknown>) : undefined;
  return {
    nationalIds: subjectsOf(facts, values, callerNationalId).slice(0, MAX_NAMED_PERSONS),
    refs: refsOf(facts, values).slice(0, MAX_NAMED_PERSONS),
  };
}

/** A `/graphql` request as it was sent: its text, its operation's name and its variables, each as the client wrote it. */
export interface SentRequest {
  query: unknown;
  operationName: unknown;
  variables: unknown;
}

/**
 * Records a `/graphql` request refused before Apollo ran it (`code`: the
 * refusal's), naming the persons it names ({@link personsNamedBy}); resolves
 * to true once recorded, or when the audit is off, false when the audit
 * store failed (the request is then answered `AUDIT_UNAVAILABLE`).
 */
export async function recordRefusedRequest(
  audit: EdgeRefusalAudit | null,
  context: GatewayContext,
  sent: SentRequest,
  code: string,
): Promise<boolean> {
  if (!audit) return true;
  return audit(context, {
    ...personsNamedBy(sent.query, sent.variables, context.caller.nationalId),
    code,
    operationName: typeof sent.operationName === 'string' ? sent.operationName : null,
    operationHash: operationHash(typeof sent.query === 'string' ? sent.query : ''),
  });
}
