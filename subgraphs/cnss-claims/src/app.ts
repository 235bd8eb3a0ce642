import 'reflect-metadata';
import { buildFederatedSchema, createSubgraphHandler, openDatabase, type SubgraphHandler } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import type { CnssClaimsConfig } from './config';
import { createContext, type CnssClaimsContext } from './context';
import { cnssClaimsDataSource } from './data-source';
import { resolveClaimFileReference } from './references/claim-file.reference';
import { ClaimFileResolver } from './resolvers/claim-file.resolver';
import { PersonResolver } from './resolvers/person.resolver';
import { ClaimStore } from './services/claim-store';
import { PersonType } from './types/person.type';

/** The built subgraph: its HTTP handler and its open database. */
export interface CnssClaimsApp extends SubgraphHandler {
  dataSource: DataSource;
}

/** Builds the federated schema of the CNSS claims subgraph (no database needed): what it publishes to the registry. */
export function buildCnssClaimsSchema() {
  return buildFederatedSchema({
    resolvers: [ClaimFileResolver, PersonResolver],
    orphanedTypes: [PersonType],
    referenceResolvers: {
      // A person by reference is only its key here; its files are checked field by field (`cnssClaimFiles`).
      Person: { __resolveReference: (reference: { ref: string }) => ({ ref: reference.ref }) },
      CnssClaimFile: {
        __resolveReference: (reference: { fileNumber: string }, context: CnssClaimsContext) =>
          resolveClaimFileReference(reference, context),
      },
    },
  });
}

/** Builds the subgraph from its configuration: opens and migrates its database, builds the schema. */
export async function buildCnssClaimsApp(
  config: CnssClaimsConfig,
  dataSource = cnssClaimsDataSource(config.database),
): Promise<CnssClaimsApp> {
  await openDatabase(dataSource);
  const services = { store: new ClaimStore(dataSource), config };
  const schema = await buildCnssClaimsSchema();
  const handler = await createSubgraphHandler({ config, schema, dataSource, createContext: (caller) => createContext(services, caller) });
  return { ...handler, dataSource };
}
