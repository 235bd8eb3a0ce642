import { appError, notePersons, Scopes } from '@cmb/kit';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { MedicalRecordsContext } from '../context';
import { mayReadPointerById } from '../rules/pointer-by-id';
import { normaliseUuid } from '../rules/validate-pointer';
import { toDocumentPointer } from '../services/to-document-pointer';
import { DocumentPointerType } from '../types/document-pointer.type';
import { RegisterDocumentInput } from '../types/register-document-input';
import { WithdrawDocumentArgs } from '../types/withdraw-document-args';

/** Reads and writes of single pointers of the shared medical record. */
@Resolver(() => DocumentPointerType)
export class DocumentPointerResolver {
  @Query(() => DocumentPointerType, {
    nullable: true,
    description:
      "A pointer by id, for the establishment or professional that wrote or keeps it; null when unknown or someone else's (others read a person's pointers through Person.documents)",
  })
  @Scopes({ anyOf: ['records:read'], sensitivity: 'HEALTH' })
  async documentPointer(@Arg('id', () => ID) id: string, @Ctx() context: MedicalRecordsContext): Promise<DocumentPointerType | null> {
    const normalised = normaliseUuid(id);
    if (!normalised) throw appError('INVALID_VALUE', { field: 'id', expected: 'a document id (UUID)' });
    const entity = await context.pointers.load(normalised);
    if (!entity || !mayReadPointerById(context.caller, entity)) return null;
    // Read by id, not through the person: the audit trail still names them.
    notePersons(context, [entity.personRef]);
    return toDocumentPointer(entity);
  }

  @Mutation(() => DocumentPointerType, {
    description:
      'Registers a pointer to a document kept by its custodian: the custodian establishment, or a professional attached to it, naming itself or those attached to it as author and custodian. With supersedes, the replaced pointer (kept by the same circle) becomes SUPERSEDED in the same transaction.',
  })
  @Scopes({ anyOf: ['records:write'], sensitivity: 'HEALTH' })
  async registerDocument(
    @Arg('input', () => RegisterDocumentInput) input: RegisterDocumentInput,
    @Ctx() context: MedicalRecordsContext,
  ): Promise<DocumentPointerType> {
    const entity = await context.registry.register(input, context.caller);
    notePersons(context, [entity.personRef]);
    if (entity.supersedes) context.pointers.clear(entity.supersedes);
    context.pointers.clear(entity.id).prime(entity.id, entity);
    return toDocumentPointer(entity);
  }

  @Mutation(() => DocumentPointerType, {
    description:
      'Withdraws a CURRENT pointer for good, by its custodian or one attached to it; the reason is kept for the audit. A pointer that is not yours and one that does not exist get the same refusal.',
  })
  @Scopes({ anyOf: ['records:write'], sensitivity: 'HEALTH' })
  async withdrawDocument(
    @Args(() => WithdrawDocumentArgs) args: WithdrawDocumentArgs,
    @Ctx() context: MedicalRecordsContext,
  ): Promise<DocumentPointerType> {
    const entity = await context.registry.withdraw(args.id, args.reason, context.caller);
    notePersons(context, [entity.personRef]);
    context.pointers.clear(entity.id).prime(entity.id, entity);
    return toDocumentPointer(entity);
  }
}
