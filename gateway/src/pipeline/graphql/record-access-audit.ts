import {
  INTENT_OUTCOME,
  operationHash,
  type AuditDecision,
  type AuditEvent,
  type AuditStage,
  type AuditWriter,
  type PseudonymKeyring,
} from '@cmb/audit-store';
import { errorBody, refusal, refusedPaths, statusOf, type ScopeRequirements, type ServedPerson } from '@cmb/kit';
import { type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import { accessEvent, commitEvent, type CoveredPerson } from '../../access-audit/access-event';
import { schemaPathOf, servedAndRefused, type FieldRefusal, type PersonalField } from '../../access-audit/field-paths';
import { selectedOperationDocument } from '../../access-audit/selected-operation';
import { publicCodeOf } from '../../errors/format-gateway-error';
import type { PersonFactsLookup } from '../../persons/person-facts-lookup';
import { breaksGlass, documentAuditFacts, refsOf, subjectsOf, type DocumentAuditFacts } from '../../access-audit/subjects';
import type { GatewayContext } from '../../context/gateway-context';
import type { GraphQLStep } from '../steps';

/**
 * Most persons an event takes from what the operation names, of each kind
 * (national ids, refs): what the largest batch a write accepts can name (an
 * affiliation batch of 1,000 rows, each naming its person and its insured).
 * An operation naming more, whatever the number of root fields or aliases
 * it spreads them over, is refused before it runs (`TOO_MANY_PERSONS`); its
 * event names the first ones, and the registry is asked about no more.
 */
export const MAX_NAMED_PERSONS = 2_000;

const REFUSALS = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'RATE_LIMITED', 'QUERY_TOO_COMPLEX', 'METHOD_NOT_ALLOWED']);

/** What the audit knows of a parsed document: its personal-data fields and their schema paths, its literals and its hash. */
interface DocumentAudit {
  fields: PersonalField[];
  paths: string[];
  facts: DocumentAuditFacts;
  operationHash: string;
}

/**
 * Refused when a refusal left no personal-data field served whole (one
 * alias refused beside another served is not a refused read); else
 * break-glass when it asked to break the glass, whatever else failed.
 */
function decisionOf(codes: readonly string[], servedWhole: boolean, breakGlass: boolean): AuditDecision {
  if (!servedWhole && codes.some((code) => REFUSALS.has(code))) return 'REFUSED';
  return breakGlass ? 'BREAK_GLASS' : 'ALLOWED';
}

/** An error as the audit reads it. */
interface ErrorFacts {
  extensions?: Record<string, unknown>;
  path?: readonly (string | number)[];
}

/** The persons of an event: the national ids and refs to pseudonymise, the organisms covering them. */
interface EventPersons {
  nationalIds: string[];
  refs: string[];
  organisms: string[];
  /** Each covered person's national id and ref, with the organisms covering it. */
  covered: CoveredPerson[];
}

/**
 * One audit event per operation that touches personal data (a field under
 * `@scopes`), allowed, refused or breaking the glass, committed before the
 * answer leaves (group commit); a mutation leaves two, linked by event id:
 * its intent, committed before any subgraph is called (the mutation does not
 * run when it cannot be), and its outcome. An event names every person
 * touched: the national ids the operation named, and the persons the
 * subgraphs reported serving or changing (by the pseudonym of their ref, with
 * their national id and organisms from the registry, asked when the
 * operation reached them without it). When the audit store fails, the answer
 * is replaced by `AUDIT_UNAVAILABLE`: personal data never leaves unaudited
 * (fail closed).
 */
export function recordAccessAudit(options: {
  writer: AuditWriter;
  /** The scope requirements of the supergraph a request runs on: its personal-data fields. */
  requirementsOf: (schema: GraphQLSchema) => ScopeRequirements;
  keyring: PseudonymKeyring;
  logger: Logger;
  /** Completes persons a request reached without the registry; absent, they are named by ref only. */
  lookup?: PersonFactsLookup;
  /** Told how long each event took to commit (seconds: a mutation's intent before it runs, an answer's event before it leaves), and whether it was. */
  observeCommit?: (seconds: number, committed: boolean) => void;
}): GraphQLStep {
  // Depends only on the operation of a parsed document, which Apollo reuses across requests of the same text on one supergraph.
  const byOperation = new WeakMap<OperationDefinitionNode, DocumentAudit>();
  const auditOf = (
    schema: Parameters<typeof refusedPaths>[0],
    document: DocumentNode,
    operation: OperationDefinitionNode,
    query: string,
  ): DocumentAudit => {
    let audit = byOperation.get(operation);
    if (!audit) {
      // Only the operation that runs: another one in the document (never run) names no field and no person of the event.
      const selected = selectedOperationDocument(document, operation);
      // With no purpose at all, every restricted path is refused: those are the personal-data fields, where the answer
      // has them; the event names them by the schema's names, each once (a client's alias, which could be anything, a
      // national id too, never reaches the trail).
      const fields = refusedPaths(schema, selected, options.requirementsOf(schema), new Set()).flatMap((response) => {
        const schemaPath = schemaPathOf(document, operation, response.split('.'));
        return schemaPath ? [{ response, schema: schemaPath }] : [];
      });
      const paths = [...new Set(fields.map((field) => field.schema))];
      audit = { fields, paths, facts: documentAuditFacts(selected), operationHash: operationHash(query) };
      byOperation.set(operation, audit);
    }
    return audit;
  };

  /** The persons of an event: those reported, and those the operation names by ref, completed from the registry where needed. */
  const personsOf = async (
    context: GatewayContext,
    persons: Map<string, ServedPerson>,
    named: readonly string[],
  ): Promise<EventPersons> => {
    for (const ref of named.slice(0, MAX_NAMED_PERSONS)) if (!persons.has(ref)) persons.set(ref, { ref });
    const incomplete = [...persons.values()].filter((p) => p.nationalId === undefined || p.organisms === undefined).map((p) => p.ref);
    if (options.lookup && incomplete.length > 0) {
      await options.lookup(incomplete, context.requestId, persons).catch((error: unknown) =>
        // The event still names them by ref; only a search by national id misses it.
        options.logger.warn({ requestId: context.requestId, err: error }, 'persons not completed from the registry'),
      );
    }
    const values = [...persons.values()];
    return {
      nationalIds: values.flatMap((p) => (p.nationalId ? [p.nationalId] : [])),
      refs: values.map((p) => p.ref),
      organisms: [...new Set(values.flatMap((p) => p.organisms ?? []))].sort(),
      covered: values.flatMap((p) =>
        p.organisms?.length ? [{ identifiers: p.nationalId ? [p.nationalId, p.ref] : [p.ref], organisms: p.organisms }] : [],
      ),
    };
  };

  /** Appends an event and reports the wait once; resolves to why it failed, null once committed. */
  const commit = (event: AuditEvent) => commitEvent(options.writer, event, options.observeCommit);

  const eventOf = (
    context: GatewayContext,
    operation: OperationDefinitionNode,
    audit: DocumentAudit,
    persons: EventPersons,
    variables: Record<string, unknown>,
    outcome: { stage: AuditStage; fields: { served: string[]; refused: string[] }; decision: AuditDecision; code: string },
  ): AuditEvent => {
    const named = subjectsOf(audit.facts, variables, context.caller.nationalId).slice(0, MAX_NAMED_PERSONS);
    return accessEvent(
      {
        context,
        operationName: operation.name?.value,
        operationHash: audit.operationHash,
        nationalIds: [...named, ...persons.nationalIds],
        refs: persons.refs,
        organisms: persons.organisms,
        covered: persons.covered,
        ...outcome,
      },
      options.keyring,
    );
  };

  return {
    async didResolveOperation({ document, schema, request, operation, contextValue }) {
      if (!operation) return;
      const audit = auditOf(schema, document, operation, request.query ?? '');
      if (audit.paths.length === 0) return;
      const variables = contextValue.variables ?? {};
      // An event names at most MAX_NAMED_PERSONS of each kind: an operation naming more (batches under several aliases)
      // is refused before it runs, so that no person it names is left out of the trail.
      const namedIds = subjectsOf(audit.facts, variables, contextValue.caller.nationalId).length;
      const namedRefs = refsOf(audit.facts, variables);
      if (namedIds > MAX_NAMED_PERSONS || namedRefs.length > MAX_NAMED_PERSONS) {
        throw refusal('TOO_MANY_PERSONS', { max: MAX_NAMED_PERSONS }, { language: contextValue.language });
      }
      // The intent of a mutation: committed here, after every check and before the first subgraph call.
      if (operation.operation !== 'mutation') return;
      const persons = await personsOf(contextValue, new Map(), namedRefs);
      const intent = eventOf(contextValue, operation, audit, persons, variables, {
        stage: 'INTENT',
        fields: { served: audit.paths, refused: [] },
        decision: breaksGlass(audit.facts, variables) ? 'BREAK_GLASS' : 'ALLOWED',
        code: INTENT_OUTCOME,
      });
      const failure = await commit(intent);
      if (failure) {
        options.logger.error(
          { requestId: contextValue.requestId, err: failure.error },
          'audit store unavailable: mutation refused before it ran',
        );
        throw refusal('AUDIT_UNAVAILABLE', {}, { language: contextValue.language });
      }
      contextValue.auditIntentId = intent.eventId;
    },

    async willSendResponse({ response, document, schema, request, operation, errors, contextValue }) {
      // Only an operation that passed validation is walked (an invalid one, cyclic fragments included, ran nothing).
      if (!document || !operation) return;
      const audit = auditOf(schema, document, operation, request.query ?? '');
      if (audit.paths.length === 0) return;
      // Whatever fails on the way to the event (the store, or reading the request), the answer does not leave unaudited.
      const failure = await (async () => {
        const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
        const all: ErrorFacts[] = [...(errors ?? []), ...(body?.errors ?? [])];
        // Codes of the catalogue only: a subgraph's own string never becomes the event's outcome.
        const codes = all.flatMap((e) =>
          e.extensions?.code === undefined ? [] : [publicCodeOf(e.extensions.code) ?? 'INTERNAL_SERVER_ERROR'],
        );
        // Refused by the gateway before any subgraph was called (invalid input included): nothing was served.
        const ranNothing = all.length > 0 && contextValue.subgraphsCalled.size === 0;
        const refusals: FieldRefusal[] = ranNothing
          ? [{ path: null, schemaPath: null }]
          : all
              .filter((e) => REFUSALS.has(String(e.extensions?.code)))
              .map((e) => ({ path: e.path ?? null, schemaPath: e.path ? schemaPathOf(document, operation, e.path) : null }));
        const fields = servedAndRefused(audit.fields, refusals);
        // As coerced; as sent when they could not be (an invalid request still names the persons it asked about).
        const variables = contextValue.variables ?? request.variables ?? {};
        const persons = await personsOf(contextValue, contextValue.servedPersons, refsOf(audit.facts, variables));
        const event = eventOf(contextValue, operation, audit, persons, variables, {
          stage: operation.operation === 'mutation' ? 'OUTCOME' : 'ACCESS',
          fields,
          decision: ranNothing ? 'REFUSED' : decisionOf(codes, fields.servedWhole, breaksGlass(audit.facts, variables)),
          // The refusal's code when a field was refused beside what was served (refused bursts count it), else the first error's.
          code: codes.find((code) => REFUSALS.has(code)) ?? codes[0] ?? 'OK',
        });
        return commit(event);
      })().catch((error: unknown) => ({ error }));
      if (failure) {
        options.logger.error({ requestId: contextValue.requestId, err: failure.error }, 'audit event not recorded: answer refused');
        // Fail closed: the answer, personal data and all, is replaced by the refusal.
        const unavailable = refusal('AUDIT_UNAVAILABLE', {}, { language: contextValue.language });
        if (response.body.kind === 'single') response.body.singleResult = errorBody(unavailable);
        response.http.status = statusOf(unavailable);
      }
    },
  };
}
