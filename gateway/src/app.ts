import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { AuditWriter, migrateAuditStore, migrateAuditWitness, openAuditDatabase } from '@cmb/audit-store';
import { createTokenVerifier } from '@cmb/auth';
import { createLogger, PATHWAY_WRITE_MAX_ROWS, PURPOSES, scopeRequirementsFromSdl, type Logger, type RequestHandler } from '@cmb/kit';
import { createPersonFactsLookup } from './persons/person-facts-lookup';
import { PERSON_REGISTRY_SUBGRAPH } from './access-audit/served-persons-report';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context/gateway-context';
import { SubgraphDataSource } from './datasources/subgraph-data-source';
import { createGatewayFormatError } from './errors/format-gateway-error';
import { createGatewayMetrics, registerReferenceCopyMetrics, type GatewayMetrics } from './metrics/gateway-metrics';
import { boundDocumentSize, graphqlPipeline, httpPipeline, runGraphQLSteps } from './pipeline';
import { createAttachmentLookup } from './providers/attachment-lookup';
import { TokenBuckets } from './rate-limiting/token-buckets';
import { createGatewayHandler, createMetricsHandler } from './server/gateway-handler';
import { SubgraphReadiness } from './server/subgraph-readiness';
import { inaccessibleFields } from './supergraph/inaccessible-fields';

/** The built gateway: its HTTP handler and how to stop it. */
export interface GatewayApp {
  handler: RequestHandler;
  /** Serves `/metrics` on the metrics port. */
  metricsHandler: RequestHandler;
  apollo: ApolloServer<GatewayContext>;
  metrics: GatewayMetrics;
  logger: Logger;
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

/** Longest an audit write may take before the answers waiting on it fail closed. */
const AUDIT_STATEMENT_TIMEOUT_MS = 10_000;

/**
 * Builds the federation gateway from its configuration: a static supergraph,
 * one pooled keep-alive data source per subgraph, and the plugins of each
 * concern. Nothing listens yet.
 */
export async function buildGatewayApp(
  config: GatewayConfig,
  logger: Logger = createLogger('gateway', config.logLevel),
): Promise<GatewayApp> {
  const metrics = createGatewayMetrics();
  const dataSources = new Map<string, SubgraphDataSource>();
  const urls: Record<string, string> = {};
  const supergraphSdl = readSupergraph(config.supergraphPath);
  const requirements = scopeRequirementsFromSdl(supergraphSdl);
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
  const hiddenFields = inaccessibleFields(supergraphSdl);
  const verifier =
    config.auth.mode === 'off'
      ? null
      : createTokenVerifier({
          issuer: config.auth.issuer,
          audience: config.auth.audience,
          jwksUrl: config.auth.jwksUrl,
          knownPurposes: PURPOSES,
        });
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    buildService: ({ name, url }) => {
      const routed = config.subgraphUrls[name] ?? url ?? '';
      urls[name] = routed;
      const dataSource = new SubgraphDataSource({
        name,
        url: routed,
        timeoutMs: config.subgraphTimeoutsMs[name] ?? config.subgraphTimeoutMs,
        importTimeoutMs: config.imports.timeoutMs,
        connections: config.subgraphConnections,
        degradable: config.degradableSubgraphs.includes(name),
        logger,
        metrics,
        hiddenFields,
        signer: config.contextSigner,
        tls: config.subgraphTls,
      });
      dataSources.set(name, dataSource);
      return dataSource;
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // The process drains in-flight requests itself on SIGTERM (kit stopOnSignals); Apollo must not exit first.
    stopOnTerminationSignals: false,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: !config.production,
    formatError: createGatewayFormatError(logger, config.production),
    // Runs first during validation and stops it at the first error, so an oversized document costs no more than its reading.
    validationRules: [boundDocumentSize(config.limits)],
    validationOptions: { maxErrors: 1 },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      runGraphQLSteps(
        graphqlPipeline({
          limits: config.limits,
          requirements,
          attachments: createAttachmentLookup({
            providersUrl: () => urls.providers,
            signer: config.contextSigner,
            tls: config.subgraphTls,
            ttlMs: config.attachmentsTtlMs,
            timeoutMs: config.subgraphTimeoutsMs.providers ?? config.subgraphTimeoutMs,
          }),
          // One registry client for both its uses: the pathway writes' organisms and the audit's persons.
          personFacts: createPersonFactsLookup({
            registryUrl: () => urls[PERSON_REGISTRY_SUBGRAPH],
            signer: config.contextSigner,
            tls: config.subgraphTls,
            timeoutMs: config.subgraphTimeoutsMs[PERSON_REGISTRY_SUBGRAPH] ?? config.subgraphTimeoutMs,
          }),
          maxPathwayRefs: PATHWAY_WRITE_MAX_ROWS,
          metrics,
          audit: auditWriter ? { writer: auditWriter, keyring: config.audit.keyring, logger } : null,
        }),
      ),
    ],
  });
  await apollo.start();
  const readiness = new SubgraphReadiness(() => urls, config.subgraphTls);
  registerReferenceCopyMetrics(metrics.registry, async () => (await readiness.probe()).referenceCopies);
  const handler = createGatewayHandler({
    apollo,
    metrics,
    readiness,
    auditAvailable: () => auditWriter?.available ?? true,
    isLoaded: () => dataSources.size > 0,
    steps: httpPipeline({
      verifier,
      buckets: new TokenBuckets(config.rateLimit),
      sources: new TokenBuckets(config.rateLimit),
      maxBodyBytes: config.maxBodyBytes,
      importMaxBodyBytes: config.imports.maxBodyBytes,
      metrics,
    }),
  });
  // Seals the chain; a store that is down only leaves the last events unsealed, they are committed already.
  const seal = async () => {
    await auditWriter?.drain().catch((error: unknown) => logger.warn({ err: error }, 'audit chain not sealed at stop'));
  };
  return {
    handler,
    metricsHandler: createMetricsHandler(metrics),
    apollo,
    metrics,
    logger,
    seal,
    close: async () => {
      await apollo.stop();
      await seal();
      auditWriter?.stop();
      await auditStore?.close();
      await witness?.close();
      await Promise.all([...dataSources.values()].map((ds) => ds.close()));
      await readiness.close();
    },
  };
}
