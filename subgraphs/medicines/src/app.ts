import 'reflect-metadata';
import { buildFederatedSchema, createSubgraphHandler, openDatabase, type SubgraphHandler } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import type { MedicinesConfig } from './config';
import { createContext, type MedicinesContext, type MedicinesServices } from './context';
import { medicinesDataSource } from './data-source';
import { resolveMedicineReference } from './references/medicine.reference';
import { GmrVersionResolver } from './resolvers/gmr-version.resolver';
import { MedicineResolver } from './resolvers/medicine.resolver';
import { MedicinesGuideResolver } from './resolvers/medicines-guide.resolver';
import { ReimbursementResolver } from './resolvers/reimbursement.resolver';
import { guideCopyStatus } from './rules/guide-freshness';
import { guideWriter, medicinesServices } from './medicines-services';

/** The built subgraph: its HTTP handler, its open database and its services. */
export interface MedicinesApp extends SubgraphHandler {
  dataSource: DataSource;
  services: MedicinesServices;
}

/** Options for building the app; the clock is injectable so tests can fix "today". */
export interface MedicinesAppOptions {
  clock?: () => Date;
}

/** Builds the federated schema of the medicines subgraph (no database needed). */
export function buildMedicinesSchema() {
  return buildFederatedSchema({
    resolvers: [MedicineResolver, ReimbursementResolver, GmrVersionResolver, MedicinesGuideResolver],
    referenceResolvers: {
      Medicine: {
        __resolveReference: (reference: { ean13?: unknown }, context: MedicinesContext) => resolveMedicineReference(reference, context),
      },
    },
  });
}

/** Builds the medicines subgraph from its configuration: opens and migrates the database, builds the schema. */
export async function buildMedicinesApp(
  config: MedicinesConfig,
  dataSource = medicinesDataSource(config.database),
  options: MedicinesAppOptions = {},
): Promise<MedicinesApp> {
  await openDatabase(dataSource);
  const writer = await guideWriter(config, dataSource);
  const services = medicinesServices(config, dataSource, writer, options.clock);
  const schema = await buildMedicinesSchema();
  const handler = await createSubgraphHandler({
    config,
    schema,
    dataSource,
    createContext: (caller) => createContext(services, caller),
    // The GMR copy on /readyz: the version in force today, its age, stale past the configured age.
    referenceCopies: async () => [guideCopyStatus(await services.store.versions(), services.medicines.today(), config.maxGuideAgeDays)],
  });
  return {
    ...handler,
    dataSource,
    services,
    // The SQLite writer's own connection closes with the app.
    drain: async () => {
      if (writer !== dataSource && writer.isInitialized) await writer.destroy();
    },
  };
}
