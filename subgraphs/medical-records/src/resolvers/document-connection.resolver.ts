import { Scopes } from '@cmb/kit';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { MedicalRecordsContext } from '../context';
import { DocumentConnectionType } from '../types/document-connection.types';

/** The size of a listing, counted only when asked (one grouped query per request). */
@Resolver(() => DocumentConnectionType)
export class DocumentConnectionResolver {
  @FieldResolver(() => Int, { description: 'Pointers with the listed statuses, all pages together' })
  @Scopes('records:read', 'records:break-glass', 'records:consent')
  totalCount(@Root() connection: DocumentConnectionType, @Ctx() context: MedicalRecordsContext): Promise<number> {
    return context.counts.load({ personRef: connection.personRef, statuses: connection.statuses, includeMasked: connection.includeMasked });
  }
}
