import 'reflect-metadata';
import { buildFederatedSchema, createSubgraphHandler, openDatabase, rulebookCopy, type SubgraphHandler } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import type { CarePathwaysConfig } from './config';
import { createContext, type CarePathwaysContext, type CarePathwaysServices } from './context';
import { carePathwaysDataSource } from './data-source';
import { resolveDecisionReference } from './references/eligibility-decision.reference';
import { resolvePersonReference } from './references/person.reference';
import { PathwayBatchResolver } from './resolvers/pathway-batch.resolver';
import { PriorApprovalRequestResolver } from './resolvers/prior-approval-request.resolver';
import { ReferenceDataResolver } from './resolvers/reference-data.resolver';
import { PathwayBatchService } from './services/pathway-batch';
import { PathwayService, type DecisionRepresentation } from './services/pathway-service';
import { PathwayStore } from './services/pathway-store';
import { PriorApprovalRequests } from './services/prior-approval-requests';
import { ReferenceCatalog } from './services/reference-catalog';
import { EligibilityDecisionType } from './types/eligibility-decision.type';
import { PersonType } from './types/person.type';

/** The built subgraph: its HTTP handler, its open database and its long-lived services. */
export interface CarePathwaysApp extends SubgraphHandler {
  dataSource: DataSource;
  services: CarePathwaysServices;
}

/** Builds the federated schema of the care-pathways subgraph (no database needed). */
export function buildCarePathwaysSchema() {
  return buildFederatedSchema({
    resolvers: [ReferenceDataResolver, PathwayBatchResolver, PriorApprovalRequestResolver],
    orphanedTypes: [EligibilityDecisionType, PersonType],
    referenceResolvers: {
      EligibilityDecision: {
        __resolveReference: (reference: DecisionRepresentation, context: CarePathwaysContext) =>
          resolveDecisionReference(reference, context),
      },
      Person: {
        __resolveReference: (reference: { ref: string; readerProof?: unknown }, context: CarePathwaysContext) =>
          resolvePersonReference(reference, context),
      },
    },
  });
}

/** Builds the care-pathways subgraph from its configuration: opens and migrates the database, builds the schema. */
export async function buildCarePathwaysApp(
  config: CarePathwaysConfig,
  dataSource = carePathwaysDataSource(config.database),
): Promise<CarePathwaysApp> {
  await openDatabase(dataSource);
  const catalog = new ReferenceCatalog(config);
  const services: CarePathwaysServices = {
    store: new PathwayStore(dataSource),
    pathways: new PathwayService(catalog, config),
    catalog,
    pathwayBatches: new PathwayBatchService(dataSource, config),
    priorApprovals: new PriorApprovalRequests(dataSource, config),
    proofSecret: config.proofSecret,
  };
  const schema = await buildCarePathwaysSchema();
  const handler = await createSubgraphHandler({
    config,
    schema,
    dataSource,
    createContext: (caller) => createContext(services, caller),
    referenceCopies: async () => [rulebookCopy('pathway-rules', config.referenceVersion)],
  });
  return { ...handler, dataSource, services };
}
