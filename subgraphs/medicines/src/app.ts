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
import { GmrStore } from './services/gmr-store';
import { GuideHistory } from './services/guide-history';
import { GuideImportService } from './services/guide-import-service';
import { MedicineService } from './services/medicine-service';

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

/** The subgraph's long-lived services over an open database: the app's, and the import command's. */
export function medicinesServices(config: MedicinesConfig, dataSource: DataSource, options: MedicinesAppOptions = {}): MedicinesServices {
  const store = new GmrStore(dataSource);
  const medicines = new MedicineService(store, config, options.clock);
  const today = () => medicines.today();
  const guideHistory = new GuideHistory(dataSource, config.guideImport, today);
  const guideImports = new GuideImportService(dataSource, config.guideImport, guideHistory, today, options.clock);
  return { store, medicines, guideImports, guideHistory };
}

/** Builds the medicines subgraph from its configuration: opens and migrates the database, builds the schema. */
export async function buildMedicinesApp(
  config: MedicinesConfig,
  dataSource = medicinesDataSource(config.database),
  options: MedicinesAppOptions = {},
): Promise<MedicinesApp> {
  await openDatabase(dataSource);
  const services = medicinesServices(config, dataSource, options);
  const schema = await buildMedicinesSchema();
  const handler = await createSubgraphHandler({
    config,
    schema,
    dataSource,
    createContext: (caller) => createContext(services, caller),
    // The GMR copy on /readyz: the version in force today, its age, stale past the configured age.
    referenceCopies: async () => [guideCopyStatus(await services.store.versions(), services.medicines.today(), config.maxGuideAgeDays)],
  });
  return { ...handler, dataSource, services };
}
