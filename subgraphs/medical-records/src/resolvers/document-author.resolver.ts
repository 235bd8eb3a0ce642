import { Scopes } from '@cmb/kit';
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { DocumentPointerType } from '../types/document-pointer.type';
import { ProviderType } from '../types/provider.type';

/**
 * Who wrote and who keeps a document, as providers of the INPE registry: the
 * providers subgraph gives their names (the person reading their own
 * documents sees them by name, never by code alone).
 */
@Resolver(() => DocumentPointerType)
export class DocumentAuthorResolver {
  @FieldResolver(() => ProviderType, { description: 'The professional who wrote the document (its name from the INPE registry)' })
  @Scopes({ anyOf: ['records:read', 'records:write', 'records:break-glass', 'records:consent'], sensitivity: 'PROFESSIONAL' })
  author(@Root() pointer: DocumentPointerType): ProviderType {
    return { inpe: pointer.authorInpe };
  }

  @FieldResolver(() => ProviderType, { description: 'The establishment that keeps the document (its name from the INPE registry)' })
  @Scopes({ anyOf: ['records:read', 'records:write', 'records:break-glass', 'records:consent'], sensitivity: 'PROFESSIONAL' })
  custodian(@Root() pointer: DocumentPointerType): ProviderType {
    return { inpe: pointer.custodianInpe };
  }
}
