import 'reflect-metadata';
import { buildFederatedSchema, createSubgraphHandler, openDatabase, type SubgraphHandler } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import type { MedicalRecordsConfig } from './config';
import { createContext, type MedicalRecordsContext, type MedicalRecordsServices } from './context';
import { medicalRecordsDataSource } from './data-source';
import { resolveDocumentPointerReference } from './references/document-pointer.reference';
import { resolvePersonReference } from './references/person.reference';
import { BreakGlassJustificationResolver } from './resolvers/break-glass-justification.resolver';
import { ConsentResolver } from './resolvers/consent.resolver';
import { DocumentAuthorResolver } from './resolvers/document-author.resolver';
import { DocumentConnectionResolver } from './resolvers/document-connection.resolver';
import { DocumentPointerResolver } from './resolvers/document-pointer.resolver';
import { DocumentTypeResolver } from './resolvers/document-type.resolver';
import { PersonResolver } from './resolvers/person.resolver';
import { BreakGlassLog } from './services/break-glass-log';
import { ConsentService } from './services/consent-service';
import { DocumentRegistry } from './services/document-registry';
import { DocumentStore } from './services/document-store';
import { AuditEventType } from './types/audit-event.type';
import { PersonType } from './types/person.type';
import { ProviderType } from './types/provider.type';

/** The built subgraph: its HTTP handler and its open database. */
export interface MedicalRecordsApp extends SubgraphHandler {
  dataSource: DataSource;
}

/** Builds the federated schema of the medical-records subgraph (no database needed). */
export function buildMedicalRecordsSchema() {
  return buildFederatedSchema({
    resolvers: [
      DocumentPointerResolver,
      DocumentTypeResolver,
      PersonResolver,
      DocumentConnectionResolver,
      ConsentResolver,
      BreakGlassJustificationResolver,
      DocumentAuthorResolver,
    ],
    orphanedTypes: [PersonType, AuditEventType, ProviderType],
    referenceResolvers: {
      DocumentPointer: {
        __resolveReference: (reference: { id: string }, context: MedicalRecordsContext) =>
          resolveDocumentPointerReference(reference, context),
      },
      Person: {
        __resolveReference: (reference: PersonType) => resolvePersonReference(reference),
      },
      // Nothing is read for an event: its justification is loaded by the request id the gateway brings (@requires).
      AuditEvent: {
        __resolveReference: (reference: AuditEventType): AuditEventType => ({
          eventId: reference.eventId,
          requestId: reference.requestId,
          clientId: reference.clientId,
        }),
      },
    },
  });
}

/** Builds the medical-records subgraph from its configuration: opens and migrates the database, builds the schema. */
export async function buildMedicalRecordsApp(
  config: MedicalRecordsConfig,
  dataSource = medicalRecordsDataSource(config.database),
): Promise<MedicalRecordsApp> {
  await openDatabase(dataSource);
  const services: MedicalRecordsServices = {
    store: new DocumentStore(dataSource),
    registry: new DocumentRegistry(dataSource, config),
    consent: new ConsentService(dataSource, config.consentCapabilitySecret),
    breakGlassLog: new BreakGlassLog(dataSource),
    documentTypes: config.documentTypes.types.map((entry) => ({
      code: entry.code,
      label: entry.label.fr,
      labelEn: entry.label.en,
      listVersion: config.documentTypes.version,
    })),
    listing: config.listing,
    access: config.access,
    proofSecret: config.proofSecret,
  };
  const schema = await buildMedicalRecordsSchema();
  const handler = await createSubgraphHandler({ config, schema, dataSource, createContext: (caller) => createContext(services, caller) });
  return { ...handler, dataSource };
}
