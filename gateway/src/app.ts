import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { AuditWriter, migrateAuditStore, migrateAuditWitness, openAuditDatabase } from '@cmb/audit-store';
import { createTokenVerifier } from '@cmb/auth';
import { createLogger, PATHWAY_WRITE_MAX_ROWS, PURPOSES, tracedHandler, type Logger, type RequestHandler, type Tracing } from '@cmb/kit';
import { createPersonFactsLookup } from './persons/person-facts-lookup';
import { PERSON_REGISTRY_SUBGRAPH } from './access-audit/served-persons-report';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context/gateway-context';
import { SubgraphDataSource } from './datasources/subgraph-data-source';
import { SharedAnswerCache } from './datasources/shared-answer-cache';
import { createGatewayFormatError } from './errors/format-gateway-error';
import { edgeRefusalAudit } from './access-audit/edge-refusals';
import { createFhirFacade, FHIR_MAX_BODY_BYTES } from './fhir/fhir-routes';
import {
  createGatewayMetrics,
  registerReferenceCopyMetrics,
  registerRateLimitStoreMetrics,
  registerSupergraphMetrics,
  type GatewayMetrics,
} from './metrics/gateway-metrics';
import { boundDocumentSize, graphqlPipeline, httpPipeline, MAX_DOCUMENT_TOKENS, runGraphQLSteps } from './pipeline';
import { createAttachmentLookup } from './providers/attachment-lookup';
import { openGatewayRateLimits } from './rate-limiting/gateway-rate-limits';
import { createGatewayHandler, createMetricsHandler } from './server/gateway-handler';
import { clientAddressOf } from './server/client-address';
import { SubgraphReadiness } from './server/subgraph-readiness';
import { FieldUsage } from './supergraph/field-usage';
import { openRegistryClient, type RegistryClient } from './supergraph/registry-client';
import { SubgraphServices } from './supergraph/subgraph-services';
import { originOf, SupergraphFollower } from './supergraph/supergraph-follower';
import { loadGeneration, type SupergraphGeneration, type SupergraphOrigin } from './supergraph/supergraph-generation';
import { SupergraphGenerations } from './supergraph/supergraph-generations';

/** The built gateway: its HTTP handler and how to stop it. */
export interface GatewayApp {
  handler: RequestHandler;
  /** Serves `/metrics` on the metrics port. */
  metricsHandler: RequestHandler;
  apollo: ApolloServer<GatewayContext>;
  metrics: GatewayMetrics;
  logger: Logger;
  /** The supergraph generations: the one served, and what the registry follower loads. */
  generations: SupergraphGenerations;
  /** Follows the registry; null without one. */
  follower: SupergraphFollower | null;
  /** Stops Apollo and closes the subgraph connection pools; seals the audit chain. */
  close(): Promise<void>;
  /** Seals the audit chain (what is queued, then a checkpoint, copied to the witness): what every stop must do, even one cut short. */
  seal(): Promise<void>;
}

/** Reads the supergraph composed at build time (`npm run compose`). */
export function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`supergraph not found at ${path}: run npm run build && npm run compose`);
  }
}

/** The routes whose requests are traced (the health probes are not). */
const TRACED_ROUTES = ['/graphql', '/fhir/r4/CoverageEligibilityRequest'];

/** Longest an audit write may take before the answers waiting on it fail closed. */
const AUDIT_STATEMENT_TIMEOUT_MS = 10_000;
/** Shareable answers kept per subgraph: a national day's providers and care dates fit in the count; the characters bound the memory (16 MB). */
const SHARED_ANSWERS_PER_SUBGRAPH = { maxEntries: 20_000, maxChars: 16_000_000 };

/** Loads a supergraph into a generation. */
type LoadSupergraph = (sdl: string, origin: SupergraphOrigin) => Promise<SupergraphGeneration>;

/** The kind of an error, safe for the log (a database error's text may name a host or a login). */
const kindOf = (error: unknown) => ({
  kind: (error as { code?: unknown } | null)?.code ?? (error instanceof Error ? error.name : 'Error'),
});

/**
 * The supergraph served first: the registry's latest version when the
 * registry can be read and that version loads, else the one composed at
 * build time (the fallback, served until the follower loads the registry's).
 */
async function firstGeneration(
  config: GatewayConfig,
  registry: RegistryClient | null,
  load: LoadSupergraph,
  logger: Logger,
): Promise<SupergraphGeneration> {
  if (registry) {
    try {
      const latest = await registry.latest();
      const supergraph = latest ? await registry.supergraph(latest.version) : null;
      if (supergraph) return await load(supergraph.sdl, originOf(supergraph));
      logger.warn('the registry holds no supergraph yet: serving the build-time supergraph until it does');
    } catch (error) {
      logger.warn({ err: kindOf(error) }, 'registry not read at start: serving the build-time supergraph');
    }
  }
  const sdl = readSupergraph(config.supergraphPath);
  return load(sdl, { version: null, sha256: createHash('sha256').update(sdl).digest('hex'), source: 'build', ogOwners: new Map() });
}

/**
 * Builds the federation gateway from its configuration: the supergraph (the
 * registry's latest, or the build-time one), followed in the registry when
 * one is configured and swapped atomically; one pooled keep-alive data
 * source per subgraph, kept across supergraphs; the plugins of each concern.
 * Nothing listens yet.
 */
export async function buildGatewayApp(
  config: GatewayConfig,
  logger: Logger = createLogger('gateway', config.logLevel),
  /** The process's tracing (started by `index.ts` when an OTLP endpoint is configured); null: no span is made. */
  tracing: Tracing | null = null,
): Promise<GatewayApp> {
  const metrics = createGatewayMetrics();
  // A stalled store fails the batch after 10 s (AUDIT_UNAVAILABLE) rather than holding answers without end.
  const auditStore =
    config.audit.mode === 'on' ? openAuditDatabase({ ...config.audit.database, statementTimeoutMs: AUDIT_STATEMENT_TIMEOUT_MS }) : null;
  // The embedded store is the gateway's own; a PostgreSQL store is migrated by its owner (npm run audit -- migrate), the gateway's role may only INSERT and SELECT.
  if (auditStore?.dialect === 'sqlite') await migrateAuditStore(auditStore);
  // The witness of the checkpoints, likewise: an embedded file is the gateway's own, a PostgreSQL one its owner's.
  const witness =
    auditStore && config.audit.witness
      ? openAuditDatabase({ ...config.audit.witness, statementTimeoutMs: AUDIT_STATEMENT_TIMEOUT_MS })
      : null;
  if (witness?.dialect === 'sqlite') await migrateAuditWitness(witness);
  const auditWriter = auditStore
    ? new AuditWriter(auditStore, {
        writerId: config.audit.writerId,
        signer: config.audit.signer,
        checkpointEvery: config.audit.checkpointEvery,
        checkpointIntervalMs: config.audit.checkpointIntervalMs,
        witness: witness ?? undefined,
      })
    : null;
  const verifier =
    config.auth.mode === 'off'
      ? null
      : createTokenVerifier({
          issuer: config.auth.issuer,
          audience: config.auth.audience,
          jwksUrl: config.auth.jwksUrl,
          knownPurposes: PURPOSES,
        });
  // Declared before the data sources read it: set once the first generation is loaded.
  let generations: SupergraphGenerations | null = null;
  const services = new SubgraphServices(
    (name, url) =>
      new SubgraphDataSource({
        name,
        url,
        timeoutMs: config.subgraphTimeoutsMs[name] ?? config.subgraphTimeoutMs,
        importTimeoutMs: config.imports.timeoutMs,
        connections: config.subgraphConnections,
        maxAnswerBytes: config.subgraphMaxAnswerBytes,
        degradable: config.degradableSubgraphs.includes(name),
        logger,
        metrics,
        hiddenFields: () => generations?.latest.hiddenFields ?? new Set(),
        ogOwner: () => generations?.latest.ogOwners.get(name) ?? null,
        signer: config.contextSigner,
        tls: config.subgraphTls,
        tracing,
        sharedAnswers:
          config.sharedAnswersMaxAgeMs > 0
            ? new SharedAnswerCache({ maxAgeMs: config.sharedAnswersMaxAgeMs, ...SHARED_ANSWERS_PER_SUBGRAPH })
            : null,
      }),
    config.subgraphUrls,
  );
  const load: LoadSupergraph = (sdl, origin) => loadGeneration(sdl, origin, ({ name, url }) => services.get(name, url), logger);
  const registry = config.registry ? openRegistryClient(config.registry.database) : null;
  const served = new SupergraphGenerations(await firstGeneration(config, registry, load, logger));
  generations = served;
  services.forgetSharedAnswersOnChange(served);
  const follower =
    registry && config.registry
      ? new SupergraphFollower({
          registry,
          generations: served,
          load: (supergraph) => load(supergraph.sdl, originOf(supergraph)),
          pollMs: config.registry.pollMs,
          logger,
          metrics: metrics.registry,
        })
      : null;
  const fieldUsage = registry ? new FieldUsage(registry, logger) : null;
  const requirementsOf = (schema: Parameters<SupergraphGenerations['of']>[0]) => served.of(schema).requirements;
  const apollo = new ApolloServer<GatewayContext>({
    gateway: served,
    // The process drains in-flight requests itself on SIGTERM (kit stopOnSignals); Apollo must not exit first.
    stopOnTerminationSignals: false,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: !config.production,
    formatError: createGatewayFormatError(logger, config.production),
    // The parser stops past a bound of tokens; the size rule runs first during validation and reports a document past the limits.
    parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS },
    validationRules: [boundDocumentSize(config.limits)],
    validationOptions: { maxErrors: 1 },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      runGraphQLSteps(
        graphqlPipeline({
          limits: config.limits,
          requirementsOf,
          supergraphVersionOf: (schema) => String(served.of(schema).version ?? 'build'),
          fieldUsage,
          attachments: createAttachmentLookup({
            providersUrl: () => services.url('providers'),
            signer: config.contextSigner,
            tls: config.subgraphTls,
            ttlMs: config.attachmentsTtlMs,
            tracing,
            timeoutMs: config.subgraphTimeoutsMs.providers ?? config.subgraphTimeoutMs,
            maxAnswerBytes: config.subgraphMaxAnswerBytes.national,
          }),
          // One registry client for both its uses: the pathway writes' organisms and the audit's persons.
          personFacts: createPersonFactsLookup({
            registryUrl: () => services.url(PERSON_REGISTRY_SUBGRAPH),
            signer: config.contextSigner,
            tls: config.subgraphTls,
            timeoutMs: config.subgraphTimeoutsMs[PERSON_REGISTRY_SUBGRAPH] ?? config.subgraphTimeoutMs,
            maxAnswerBytes: config.subgraphMaxAnswerBytes.national,
            tracing,
          }),
          maxPathwayRefs: PATHWAY_WRITE_MAX_ROWS,
          metrics,
          audit: auditWriter ? { writer: auditWriter, keyring: config.audit.keyring, logger } : null,
        }),
      ),
    ],
  });
  await apollo.start();
  follower?.start();
  if (fieldUsage && config.registry) fieldUsage.start(config.registry.usageFlushMs);
  const readiness = new SubgraphReadiness(() => ({ ...served.latest.routes }), config.subgraphTls);
  registerReferenceCopyMetrics(metrics.registry, async () => (await readiness.probe()).referenceCopies);
  registerSupergraphMetrics(metrics.registry, () => served.latest);
  const rateLimits = await openGatewayRateLimits(config.rateLimit, config.rateLimitStore, logger);
  registerRateLimitStoreMetrics(metrics.registry, rateLimits.state);
  const steps = httpPipeline({
    verifier,
    buckets: rateLimits.clients,
    sources: rateLimits.sources,
    clientAddress: clientAddressOf(config.trustedProxies),
    maxBodyBytes: config.maxBodyBytes,
    fhirMaxBodyBytes: Math.min(config.maxBodyBytes, FHIR_MAX_BODY_BYTES),
    importMaxBodyBytes: config.imports.maxBodyBytes,
    bodyTimeoutMs: config.bodyTimeoutMs,
    importBodyTimeoutMs: config.imports.timeoutMs,
    metrics,
    consoleOrigin: config.consoleOrigin,
  });
  // Requests refused at the edge before their operation ran (a FHIR resource the reader refuses, variables nested too deep).
  const auditRefusal = auditWriter
    ? edgeRefusalAudit({
        writer: auditWriter,
        keyring: config.audit.keyring,
        logger,
        observeCommit: (seconds, committed) => metrics.auditCommit.observe({ outcome: committed ? 'ok' : 'failed' }, seconds),
      })
    : null;
  const handler = createGatewayHandler({
    apollo,
    metrics,
    readiness,
    auditAvailable: () => auditWriter?.available ?? true,
    isLoaded: () => services.size > 0,
    supergraph: () => {
      const { version, sha256, source, loadedAt, ogOwners } = served.latest;
      return { version, sha256, source, loadedAt, ogSubgraphs: [...ogOwners.keys()].sort() };
    },
    registry: () => follower?.status() ?? null,
    rateLimits: rateLimits.state,
    steps,
    bodyTimeoutMs: config.bodyTimeoutMs,
    fhir: createFhirFacade({
      apollo,
      steps: steps.fhir.check,
      metadataSteps: steps.fhir.everyFhirRoute,
      auditRefusal,
    }),
    auditRefusal,
  });
  // Seals the chain; a store that is down only leaves the last events unsealed, they are committed already.
  const seal = async () => {
    await auditWriter?.drain().catch((error: unknown) => logger.warn({ err: error }, 'audit chain not sealed at stop'));
  };
  return {
    // Traced only when an OTLP endpoint is configured: otherwise the handler is untouched (no cost on the hot path).
    handler: tracing ? tracedHandler(tracing, handler, TRACED_ROUTES) : handler,
    metricsHandler: createMetricsHandler(metrics),
    apollo,
    metrics,
    logger,
    generations: served,
    follower,
    seal,
    close: async () => {
      await follower?.stop();
      await apollo.stop();
      await fieldUsage?.stop();
      await seal();
      auditWriter?.stop();
      await auditStore?.close();
      await witness?.close();
      await services.close();
      await registry?.close();
      await readiness.close();
      await rateLimits.close();
    },
  };
}
