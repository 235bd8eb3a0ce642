import 'reflect-metadata';
import { migrateAuditStore, openAuditDatabase, type AuditDatabase } from '@cmb/audit-store';
import { buildFederatedSchema, createSubgraphHandler, type SubgraphDatabase, type SubgraphHandler } from '@cmb/kit';
import type { AuditSubgraphConfig } from './config';
import { createContext, type AuditContext, type AuditServices } from './context';
import { resolveAccessingOrganisationReference } from './references/accessing-organisation.reference';
import { AccessHistoryResolver } from './resolvers/access-history.resolver';
import { AuditAnomalyResolver } from './resolvers/audit-anomaly.resolver';
import { AuditEventResolver } from './resolvers/audit-event.resolver';
import { BreakGlassIndicatorResolver } from './resolvers/break-glass-indicator.resolver';
import { BreakGlassReviewResolver } from './resolvers/break-glass-review.resolver';
import { AuditTrail } from './services/audit-trail';
import { ProviderType } from './types/provider.type';

/** The built subgraph: its HTTP handler and its open audit store. */
export interface AuditApp extends SubgraphHandler {
  store: AuditDatabase;
  /** The store as the kit probes and closes it. */
  dataSource: SubgraphDatabase;
}

/** Builds the federated schema of the audit subgraph (no store needed). */
export function buildAuditSchema() {
  return buildFederatedSchema({
    resolvers: [AuditEventResolver, BreakGlassReviewResolver, AuditAnomalyResolver, AccessHistoryResolver, BreakGlassIndicatorResolver],
    orphanedTypes: [ProviderType],
    referenceResolvers: {
      // Events are served through the officers' queries only, with their row rules: never by reference.
      AuditEvent: { __resolveReference: () => null },
      AccessingOrganisation: {
        __resolveReference: (reference: Parameters<typeof resolveAccessingOrganisationReference>[0]) =>
          resolveAccessingOrganisationReference(reference),
      },
    },
  });
}

/** The audit store behind the kit's readiness probe and close. */
function storeProbe(store: AuditDatabase): SubgraphDatabase {
  let open = true;
  return {
    get isInitialized() {
      return open;
    },
    query: async <T>(sql: string) => (await store.query(sql)) as T,
    destroy: async () => {
      open = false;
      await store.close();
    },
  };
}

/**
 * Builds the audit subgraph: opens the audit store (on SQLite, the same file
 * the gateway writes, whose schema it creates when the gateway has not yet;
 * on PostgreSQL, with the reader role, which may not migrate), builds the schema.
 */
export async function buildAuditApp(
  config: AuditSubgraphConfig,
  store: AuditDatabase = openAuditDatabase(config.store),
): Promise<AuditApp> {
  if (store.dialect === 'sqlite') await migrateAuditStore(store);
  const services: AuditServices = {
    trail: new AuditTrail(store, config.anomalies),
    keyring: config.keyring,
    rules: {
      pages: config.pages,
      officers: config.officers,
      review: config.review,
      search: config.search,
      accessHistory: config.accessHistory,
      anomalies: config.anomalies,
      organisations: config.organisations,
      statistics: config.statistics,
    },
  };
  const schema = await buildAuditSchema();
  const dataSource = storeProbe(store);
  const handler = await createSubgraphHandler<AuditContext>({
    config,
    schema,
    dataSource,
    createContext: (caller) => createContext(services, caller),
  });
  return { ...handler, store, dataSource };
}
