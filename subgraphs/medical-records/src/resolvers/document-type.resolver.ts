import { Scopes } from '@cmb/kit';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { MedicalRecordsContext } from '../context';
import { DocumentTypeType } from '../types/document-type.type';

/** The versioned list of document types, for readers and writers alike, and for the insured person's own page (its labels). */
@Resolver(() => DocumentTypeType)
export class DocumentTypeResolver {
  @Query(() => [DocumentTypeType], { description: 'Kinds of documents a pointer may have (versioned reference list)' })
  @Scopes('records:read', 'records:write', 'records:consent')
  documentTypes(@Ctx() context: MedicalRecordsContext): DocumentTypeType[] {
    return context.documentTypes;
  }
}
