import { Scopes } from '@cmb/kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { MedicalRecordsContext } from '../context';
import { listingKey, toConnection } from '../services/document-listing';
import { DocumentConnectionType } from '../types/document-connection.types';
import { DEFAULT_PAGE_SIZE, DocumentsArgs } from '../types/documents-args';
import { PersonType } from '../types/person.type';

/** The record this subgraph contributes to a person: the pointers of their shared medical record. */
@Resolver(() => PersonType)
export class PersonResolver {
  @FieldResolver(() => DocumentConnectionType, {
    description: 'Pointers of the shared medical record, newest care first. CURRENT only unless asked otherwise.',
  })
  @Scopes({ anyOf: ['records:read'], sensitivity: 'HEALTH' })
  async documents(@Root() person: PersonType, @Args(() => DocumentsArgs) args: DocumentsArgs, @Ctx() context: MedicalRecordsContext): Promise<DocumentConnectionType> {
    const key = listingKey(person.ref, args, { defaultPageSize: DEFAULT_PAGE_SIZE, maxPageSize: context.listing.maxPageSize });
    return toConnection(key, await context.pages.load(key));
  }
}
