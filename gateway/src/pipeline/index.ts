/**
 * The steps of a request, in the order they run. Read top to bottom: each
 * line says why the step sits where it does.
 *
 * Before GraphQL runs (`http/`, plain functions over the request):
 *
 * 1. assignRequestId: first, on every route (`/healthz` too), so every
 *    answer and every log line, refusals included, carries the request id.
 * 1a. allowConsoleOrigin: on every route, so the web consoles' origin (and
 *    no other) may read any answer, refusals included; it answers the
 *    browser's preflight itself, before checkMethod would refuse OPTIONS.
 * 2. negotiateLanguage: before any refusal, so every message is in the
 *    asker's language.
 * 3. checkMethod: the cheapest refusal (a method `/graphql` does not serve),
 *    before a token is even verified.
 * 4. authenticate: before the body is read or anything parsed, so an
 *    unauthenticated request costs one signature check and no more (its
 *    source address has a rate of its own); one purpose per token.
 * 5. limitRate: after authentication (the bucket is the client's, or the
 *    signed-in person's on the patient portal), before the body is read, so
 *    a client over its rate costs nothing further.
 * 6. readBodyWithin: the body is read last, within its limit, for an
 *    admitted caller only: the limit of its purpose, so only a verified
 *    import token (`reference:import`) may send a whole registry file.
 *
 * Then the handler refuses variables nested past 32 levels
 * (`http/variables-depth.ts`), before any step walks them, and records the
 * refusal in the audit trail when the request names a person
 * (`access-audit/refused-request.ts`; `AUDIT_UNAVAILABLE` when it cannot be
 * recorded); then Apollo
 * parses and validates the operation (validation rejects
 * fragment cycles, unknown fields, wrong variable types). During validation:
 *
 * 0. boundDocumentSize: a validation rule that runs before the others, on
 *    the document as written: too deep, too aliased or too large is refused
 *    (the parser has already refused a document past MAX_DOCUMENT_TOKENS, so
 *    no rule walks an oversized document).
 *
 * Then the GraphQL steps (`graphql/`) run one after the other in one plugin:
 *
 * After validation, before any subgraph is called:
 * 7. coerceVariables: first, so every later check reads the variables as
 *    they will run (coerced, defaults included), never the raw JSON.
 * 8. refusePersonalDataOverGet: a national id over GET is refused whatever
 *    else the operation is, so it never sits in a URL or access log.
 * 9. enforceLimits: depth, aliases and cost before the steps that walk the
 *    operation further or call out.
 * 10. enforcePurposes: the field-by-field purpose check on an operation of
 *    bounded size, before any call, with the requirements of the supergraph
 *    the request was validated against (a hot reload never mixes two).
 * 11. bindProvider: may call the providers registry (cached), so it comes
 *     after the free checks, for an operation whose purposes are allowed.
 * 12. resolveActsFor: for the writes of an establishment or a professional,
 *     reads whom the caller acts for in the same registry (cached), after
 *     the free checks like bindProvider; before any subgraph is called,
 *     since the data sources sign the caller at each subgraph call, and the
 *     subgraphs hold a write to what the writer keeps with it
 *     (`caller.actsFor`).
 * 13. resolvePersonFacts: for the pathway writes (`pathway:write`,
 *     `pathway:request`), reads from the registry of persons the organisms
 *     covering each person the operation names by ref, after the free checks
 *     (the refs it reads are bounded first) and before any subgraph is
 *     called, for the same reason: care-pathways holds an OG to its own
 *     members and addresses a prior approval request to the person's OG
 *     (`caller.personOrganisms`), without reading the registry's tables; for
 *     the record writes (`records:write`), the same way, the day the caller's
 *     organisation last checked each named person ELIGIBLE
 *     (`caller.careRelationships`): medical-records adds a pointer to a
 *     person's record only within that care relationship.
 * 16. recordAccessAudit, its first half: after every check, last before the
 *     first subgraph call, it commits a mutation's intent; a mutation whose
 *     intent cannot be committed does not run (`AUDIT_UNAVAILABLE`).
 *
 * Before the answer leaves:
 * 14. renderErrorLanguage: messages in the asker's language, before anyone
 *     reads the answer.
 * 15. observeMetrics: reads the outcome as the client would have had it,
 *     before the audit can replace it.
 * 15a. countFieldUsage: the fields the operation selected, counted in
 *     memory for the registry's breaking-change check (when the gateway
 *     follows a registry); it changes nothing of the answer.
 * 15b. stampSupergraphVersion: the supergraph version the request ran on,
 *     in a response header; it changes nothing of the body.
 * 16. recordAccessAudit: last: it commits the event of what was answered (a
 *     query's access, a mutation's outcome linked to its intent) with every
 *     person the subgraphs reported and, when the audit store fails, replaces
 *     the answer with `AUDIT_UNAVAILABLE` (fail closed), so nothing after it
 *     may change the answer it recorded.
 */
import type { TokenVerifier } from '@cmb/auth';
import type { AuditWriter, PseudonymKeyring } from '@cmb/audit-store';
import type { Logger, ScopeRequirements } from '@cmb/kit';
import type { GraphQLSchema } from 'graphql';
import type { FieldUsage } from '../supergraph/field-usage';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { PersonFactsLookup } from '../persons/person-facts-lookup';
import type { RegistryAttachments } from '../providers/attachment-lookup';
import type { RateLimiter } from '../rate-limiting/rate-limiter';
import type { ClientAddress } from '../server/client-address';
import { bindProvider } from './graphql/bind-provider';
export { boundDocumentSize, MAX_DOCUMENT_TOKENS } from './graphql/bound-document-size';
import { coerceVariables } from './graphql/coerce-variables';
import { countFieldUsage } from './graphql/count-field-usage';
import { enforceLimits, type QueryLimits } from './graphql/enforce-limits';
import { enforcePurposes } from './graphql/enforce-purposes';
import { observeMetrics } from './graphql/observe-metrics';
import { recordAccessAudit } from './graphql/record-access-audit';
import { refusePersonalDataOverGet } from './graphql/refuse-personal-data-over-get';
import { renderErrorLanguage } from './graphql/render-error-language';
import { resolveActsFor } from './graphql/resolve-acts-for';
import { resolvePersonFacts } from './graphql/resolve-person-facts';
import { stampSupergraphVersion } from './graphql/stamp-supergraph-version';
import { allowConsoleOrigin } from './http/allow-console-origin';
import { assignRequestId } from './http/assign-request-id';
import { authenticate } from './http/authenticate';
import { checkMethod } from './http/check-method';
import { limitRate } from './http/limit-rate';
import { negotiateLanguage } from './http/negotiate-language';
import { readBodyWithin } from './http/read-body-within';
import type { GraphQLStep, HttpStep } from './steps';

export { runGraphQLSteps, runHttpSteps, type GraphQLStep, type HttpExchange, type HttpStep } from './steps';

/** What the HTTP steps need. */
export interface HttpPipelineOptions {
  verifier: TokenVerifier | null;
  /** Per client, or per signed-in person on the patient portal. */
  buckets: RateLimiter;
  /** Per source address, for requests without a valid token. */
  sources: RateLimiter;
  /** The client's address of a request (the socket's peer, or behind trusted proxies the one they forward). */
  clientAddress: ClientAddress;
  maxBodyBytes: number;
  /** The body limit of a FHIR check (one CoverageEligibilityRequest with its contained resources). */
  fhirMaxBodyBytes: number;
  /** The body limit of an import request (a registry file under `reference:import`). */
  importMaxBodyBytes: number;
  /** How long a request's body may take to arrive whole. */
  bodyTimeoutMs: number;
  /** How long an import's body (a registry file under `reference:import`) may take to arrive whole. */
  importBodyTimeoutMs: number;
  metrics: GatewayMetrics;
  /** The web consoles' origin, allowed by CORS; null: none. */
  consoleOrigin: string | null;
}

/** The HTTP steps of each route: those of every route, those of `/graphql`, those of the FHIR facade. */
export interface HttpSteps {
  everyRoute: HttpStep[];
  graphql: HttpStep[];
  /**
   * The FHIR facade (`fhir/`): `everyFhirRoute` runs first on each of its
   * routes (the public metadata too); a check then runs `check`, the same
   * admission as `/graphql` (its method and media type were checked by the
   * facade, the cheapest refusals), with the FHIR body limit. The GraphQL
   * steps then run on the graph's operation the facade sends.
   */
  fhir: { everyFhirRoute: HttpStep[]; check: HttpStep[] };
}

/** The steps before GraphQL runs, in order: those of every route, then those of `/graphql` or of the FHIR facade. */
export function httpPipeline(options: HttpPipelineOptions): HttpSteps {
  const admission = [
    authenticate(options.verifier, { metrics: options.metrics, sources: options.sources, clientAddress: options.clientAddress }),
    limitRate(options.buckets),
  ];
  const timeouts = { bodyTimeoutMs: options.bodyTimeoutMs, importBodyTimeoutMs: options.importBodyTimeoutMs };
  return {
    everyRoute: [assignRequestId, allowConsoleOrigin(options.consoleOrigin)],
    graphql: [
      negotiateLanguage,
      checkMethod,
      ...admission,
      readBodyWithin({ maxBodyBytes: options.maxBodyBytes, importMaxBodyBytes: options.importMaxBodyBytes, ...timeouts }),
    ],
    fhir: {
      everyFhirRoute: [negotiateLanguage],
      check: [
        ...admission,
        readBodyWithin({
          maxBodyBytes: options.fhirMaxBodyBytes,
          importMaxBodyBytes: options.fhirMaxBodyBytes,
          bodyTimeoutMs: options.bodyTimeoutMs,
          importBodyTimeoutMs: options.bodyTimeoutMs,
        }),
      ],
    },
  };
}

/** What the GraphQL steps need. */
export interface GraphQLPipelineOptions {
  limits: QueryLimits;
  /** The scope requirements of the supergraph a request was validated against (they follow hot reloads). */
  requirementsOf: (schema: GraphQLSchema) => ScopeRequirements;
  /** The registry version of that supergraph, for the answer's header. */
  supergraphVersionOf: (schema: GraphQLSchema) => string;
  /** Counts the fields operations select; absent without a registry. */
  fieldUsage: FieldUsage | null;
  attachments: RegistryAttachments;
  /** The registry of persons, asked about persons known by ref (pathway and record writes, audit events). */
  personFacts: PersonFactsLookup;
  /** Most person refs one pathway write may name (the pathway batch bound). */
  maxPathwayRefs: number;
  metrics: GatewayMetrics;
  /** Absent with the audit off (benchmarks, never production). */
  audit: { writer: AuditWriter; keyring: PseudonymKeyring; logger: Logger } | null;
}

/** The GraphQL steps, in order. */
export function graphqlPipeline(options: GraphQLPipelineOptions): GraphQLStep[] {
  return [
    coerceVariables(),
    refusePersonalDataOverGet(),
    enforceLimits(options.limits),
    enforcePurposes(options.requirementsOf),
    bindProvider(options.attachments),
    resolveActsFor(options.attachments),
    resolvePersonFacts(options.personFacts, options.maxPathwayRefs),
    renderErrorLanguage(),
    observeMetrics(options.metrics),
    ...(options.fieldUsage ? [countFieldUsage(options.fieldUsage)] : []),
    stampSupergraphVersion(options.supergraphVersionOf),
    ...(options.audit
      ? [
          recordAccessAudit({
            ...options.audit,
            lookup: options.personFacts,
            requirementsOf: options.requirementsOf,
            observeCommit: (seconds, committed) => options.metrics.auditCommit.observe({ outcome: committed ? 'ok' : 'failed' }, seconds),
          }),
        ]
      : []),
  ];
}
