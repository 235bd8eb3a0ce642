import { Scopes } from '@cmb/kit';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { MedicalRecordsContext } from '../context';
import { DocumentTypeType } from '../types/document-type.type';

/** The versioned list of document types, for readers and writers alike. */
@Resolver(() => DocumentTypeType)
export class DocumentTypeResolver {
  @Query(() => [DocumentTypeType], { description: 'Kinds of documents a pointer may have (versioned reference list)' })
  @Scopes('records:read', 'records:write')
  documentTypes(@Ctx() context: MedicalRecordsContext): DocumentTypeType[] {
    return context.documentTypes;
  }
}
