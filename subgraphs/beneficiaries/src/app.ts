import 'reflect-metadata';
import {
  buildFederatedSchema,
  createLogger,
  createSubgraphHandler,
  openDatabase,
  rulebookCopy,
  todayIn,
  type SubgraphHandler,
} from '@cmb/kit';
import type { DataSource } from 'typeorm';
import type { BeneficiariesConfig } from './config';
import { createContext, type BeneficiariesContext } from './context';
import { beneficiariesDataSource } from './data-source';
import { resolveDecisionReference } from './references/eligibility-decision.reference';
import { resolvePersonReference } from './references/person.reference';
import { AffiliationBatchResolver } from './resolvers/affiliation-batch.resolver';
import { IdentityConflictResolver } from './resolvers/identity-conflict.resolver';
import { EligibilityResolver } from './resolvers/eligibility.resolver';
import { PersonResolver } from './resolvers/person.resolver';
import { StatisticsResolver } from './resolvers/statistics.resolver';
import { AffiliationBatchService } from './services/affiliation-batch';
import { CareRelationshipRecorder } from './services/care-relationship-recorder';
import { CoverageIndicators } from './services/coverage-indicators';
import { CoverageStore } from './services/coverage-store';
import { DecisionIdSealer } from './services/decision-id';
import { EligibilityService } from './services/eligibility-service';
import { IdentityConflictQueue } from './services/identity-conflicts';
import { IndicatorCounter } from './services/indicator-counter';
import type { DecisionReference } from './services/eligibility-service';

/** The built subgraph: its HTTP handler, its open database and the care-relationship buffer. */
export interface BeneficiariesApp extends SubgraphHandler {
  dataSource: DataSource;
  careRelationships: CareRelationshipRecorder;
  /** The daily counts of decisions, buffered in memory. */
  indicatorCounts: IndicatorCounter;
  /** Writes the buffered care relationships and counts, and stops their timers. */
  drain: () => Promise<void>;
}

/** Builds the federated schema of the beneficiaries subgraph (no database needed). */
export function buildBeneficiariesSchema() {
  return buildFederatedSchema({
    resolvers: [EligibilityResolver, PersonResolver, AffiliationBatchResolver, IdentityConflictResolver, StatisticsResolver],
    referenceResolvers: {
      EligibilityDecision: {
        __resolveReference: (reference: DecisionReference, context: BeneficiariesContext) => resolveDecisionReference(reference, context),
      },
      Person: {
        __resolveReference: (reference: { ref: string }, context: BeneficiariesContext) => resolvePersonReference(reference, context),
      },
    },
  });
}

/** Builds the beneficiaries subgraph from its configuration: opens and migrates the database, builds the schema. */
export async function buildBeneficiariesApp(
  config: BeneficiariesConfig,
  dataSource = beneficiariesDataSource(config.database),
): Promise<BeneficiariesApp> {
  await openDatabase(dataSource);
  const store = new CoverageStore(dataSource);
  const logger = createLogger(config.name, config.logLevel);
  const careRelationships = new CareRelationshipRecorder(dataSource, config.careRelationships, logger).start();
  const indicatorCounts = new IndicatorCounter(dataSource, config.indicatorCounts, logger).start();
  const services = {
    store,
    eligibility: new EligibilityService(store, new DecisionIdSealer(config.decisionIdKey), config, careRelationships, indicatorCounts),
    batches: new AffiliationBatchService(dataSource, config),
    careRelationships,
    identityConflicts: new IdentityConflictQueue(dataSource, config.reviewPageSize),
    proofSecret: config.proofSecret,
    consentCapabilitySecret: config.consentCapabilitySecret,
    indicators: new CoverageIndicators(dataSource, indicatorCounts),
    statistics: config.statistics,
    today: () => todayIn(config.careDateWindow.timeZone),
  };
  const schema = await buildBeneficiariesSchema();
  const handler = await createSubgraphHandler({
    referenceCopies: async () => [rulebookCopy('eligibility-rules', config.rulesVersion)],
    config,
    schema,
    dataSource,
    logger,
    createContext: (caller) => createContext(services, caller),
    // The registry completes the persons every resolver noted: national id and the organisms covering them today.
    describePersons: (refs) => store.describePersons(refs, services.today()),
    // Before a record write, the gateway asks whether the writing organisation has a care relationship with each person named.
    careRelationships: async (org, refs) => {
      const days = await careRelationships.lastChecks(org, refs);
      return new Map(refs.flatMap((ref, i) => (days[i] ? [[ref, days[i]] as const] : [])));
    },
  });
  return {
    ...handler,
    dataSource,
    careRelationships,
    indicatorCounts,
    drain: async () => {
      await Promise.all([careRelationships.close(), indicatorCounts.close()]);
    },
  };
}
