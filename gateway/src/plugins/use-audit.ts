import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { refusedPaths, renderMessage, type ScopeRequirements } from '@cmb/kit';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import { operationHash, pseudonymise, type AuditEvent } from '../audit/audit-event';
import { literalSubjects, subjectsOf } from '../audit/subjects';
import type { AuditWriter } from '../audit/audit-writer';
import type { GatewayContext } from './gateway-context';

const REFUSALS = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'RATE_LIMITED', 'QUERY_TOO_COMPLEX']);

/**
 * One audit event per operation that touches personal data (a field under
 * `@scopes`), allowed or refused, committed before the answer leaves (group
 * commit). When the audit store fails, the answer is replaced by
 * `AUDIT_UNAVAILABLE`: personal data never leaves unaudited (fail closed).
 */
export function useAudit(options: { writer: AuditWriter; requirements: ScopeRequirements; pseudonymKey: Buffer; logger: Logger }): ApolloServerPlugin<GatewayContext> {
  // Both depend only on the parsed document, which Apollo reuses across requests.
  const personalPaths = new WeakMap<DocumentNode, string[]>();
  const literals = new WeakMap<DocumentNode, string[]>();
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, document, schema, request, operation, errors }) {
          if (!document) return;
          let paths = personalPaths.get(document);
          if (!paths) {
            // With no purpose at all, every restricted path is refused: those are the personal-data paths.
            paths = refusedPaths(schema, document, options.requirements, new Set());
            personalPaths.set(document, paths);
          }
          if (paths.length === 0) return;
          let literalIds = literals.get(document);
          if (!literalIds) {
            literalIds = literalSubjects(document);
            literals.set(document, literalIds);
          }
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = [...(errors ?? []).map((e) => e.extensions?.code), ...(body?.errors ?? []).map((e) => e.extensions?.code)].filter((c): c is string => typeof c === 'string');
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
            operationHash: operationHash(request.query ?? ''),
            fieldPaths: paths,
            subjects: subjectsOf(literalIds, request.variables).map((id) => pseudonymise(options.pseudonymKey, id)),
            decision: codes.some((code) => REFUSALS.has(code)) ? 'REFUSED' : 'ALLOWED',
            outcome: codes[0] ?? 'OK',
            latencyMs: Number(process.hrtime.bigint() - started) / 1e6,
          };
          try {
            await options.writer.append(event);
          } catch (error) {
            options.logger.error({ requestId: contextValue.requestId, err: error instanceof Error ? error.message : String(error) }, 'audit store unavailable: answer refused');
            if (response.body.kind === 'single') {
              response.body.singleResult = {
                errors: [{ message: renderMessage('AUDIT_UNAVAILABLE', {}, contextValue.language), extensions: { code: 'AUDIT_UNAVAILABLE', reason: 'AUDIT_UNAVAILABLE' } }],
              };
            }
            response.http.status = 503;
          }
        },
      };
    },
  };
}
