import { randomUUID } from 'node:crypto';
import { operationHash, type AuditDecision, type AuditEvent, type AuditWriter, type PseudonymKeyring } from '@cmb/audit-store';
import { errorBody, refusal, refusedPaths, statusOf, type ScopeRequirements } from '@cmb/kit';
import { visit, type DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import { breaksGlass, documentAuditFacts, subjectsOf, type DocumentAuditFacts } from '../../access-audit/subjects';
import type { GraphQLStep } from '../steps';

const REFUSALS = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'RATE_LIMITED', 'QUERY_TOO_COMPLEX', 'METHOD_NOT_ALLOWED']);

/** What the audit knows of a parsed document: its personal-data paths, its literals and its hash. */
interface DocumentAudit {
  paths: string[];
  facts: DocumentAuditFacts;
  operationHash: string;
}

/** Refused when the gateway refused the operation; else break-glass when it asked to break the glass, whatever else failed. */
function decisionOf(codes: readonly string[], breakGlass: boolean): AuditDecision {
  if (codes.some((code) => REFUSALS.has(code))) return 'REFUSED';
  return breakGlass ? 'BREAK_GLASS' : 'ALLOWED';
}

/** The document without its aliases: a client's alias (which could be anything, a national id too) never reaches the trail. */
function withoutAliases(document: DocumentNode): DocumentNode {
  return visit(document, { Field: (node) => (node.alias ? { ...node, alias: undefined } : undefined) });
}

/**
 * One audit event per operation that touches personal data (a field under
 * `@scopes`), allowed, refused or breaking the glass, committed before the
 * answer leaves (group commit). When the audit store fails, the answer is
 * replaced by `AUDIT_UNAVAILABLE`: personal data never leaves unaudited (fail
 * closed).
 */
export function recordAccessAudit(options: {
  writer: AuditWriter;
  requirements: ScopeRequirements;
  keyring: PseudonymKeyring;
  logger: Logger;
}): GraphQLStep {
  // Depends only on the parsed document, which Apollo reuses across requests of the same text.
  const byDocument = new WeakMap<DocumentNode, DocumentAudit>();
  const auditOf = (schema: Parameters<typeof refusedPaths>[0], document: DocumentNode, query: string): DocumentAudit => {
    let audit = byDocument.get(document);
    if (!audit) {
      // With no purpose at all, every restricted path is refused: those are the personal-data paths.
      // Field paths by the schema's names, each once.
      const paths = [...new Set(refusedPaths(schema, withoutAliases(document), options.requirements, new Set()))];
      audit = { paths, facts: documentAuditFacts(document), operationHash: operationHash(query) };
      byDocument.set(document, audit);
    }
    return audit;
  };
  return {
    async willSendResponse({ response, document, schema, request, operation, errors, contextValue }) {
      // Only an operation that passed validation is walked (an invalid one, cyclic fragments included, ran nothing).
      if (!document || !operation) return;
      const { paths, facts, operationHash: hash } = auditOf(schema, document, request.query ?? '');
      if (paths.length === 0) return;
      const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
      const codes = [...(errors ?? []).map((e) => e.extensions?.code), ...(body?.errors ?? []).map((e) => e.extensions?.code)].filter(
        (c): c is string => typeof c === 'string',
      );
      const { caller } = contextValue;
      const event: AuditEvent = {
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        requestId: contextValue.requestId,
        tokenId: caller.tokenId,
        clientId: caller.clientId,
        userId: caller.userId,
        org: caller.org,
        purposes: [...caller.purposes],
        operationName: operation?.name?.value ?? null,
        operationHash: hash,
        fieldPaths: paths,
        subjects: subjectsOf(facts, contextValue.variables ?? {}, caller.nationalId).map((id) => options.keyring.pseudonymise(id)),
        pseudonymKey: options.keyring.currentVersion,
        decision: decisionOf(codes, breaksGlass(facts, contextValue.variables ?? {})),
        outcome: codes[0] ?? 'OK',
        subgraphs: [...contextValue.subgraphsCalled].sort(),
        latencyMs: Math.round(Number(process.hrtime.bigint() - contextValue.startedAt) / 1e3) / 1e3,
      };
      try {
        await options.writer.append(event);
      } catch (error) {
        options.logger.error({ requestId: contextValue.requestId, err: error }, 'audit store unavailable: answer refused');
        // Fail closed: the answer, personal data and all, is replaced by the refusal.
        const unavailable = refusal('AUDIT_UNAVAILABLE', {}, { language: contextValue.language });
        if (response.body.kind === 'single') response.body.singleResult = errorBody(unavailable);
        response.http.status = statusOf(unavailable);
      }
    },
  };
}
