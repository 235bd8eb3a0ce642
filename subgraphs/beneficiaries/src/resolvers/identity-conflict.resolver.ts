import { appError, notePersons, Scopes } from '@cmb/kit';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { BeneficiariesContext } from '../context';
import type { IdentityConflictEntity } from '../entities/identity-conflict.entity';
import { mayReviewIdentityConflicts } from '../rules/identity-review';
import { IdentityConflictConnectionType, IdentityConflictsArgs, IdentityConflictType } from '../types/identity-conflict.types';
import { PersonType } from '../types/person.type';

/** The API view of a queued conflict: explicit, so no internal column leaks. */
function toIdentityConflict(row: IdentityConflictEntity): Omit<IdentityConflictType, 'person'> {
  return {
    id: row.id,
    personRef: row.personRef,
    organism: row.organism,
    idempotencyKey: row.idempotencyKey,
    rowIndex: Number(row.rowIndex),
    differs: row.differs.split(',').filter(Boolean),
    submitted: {
      firstName: row.firstName,
      lastName: row.lastName,
      birthDate: row.birthDate === null ? null : String(row.birthDate).slice(0, 10),
      sex: row.sex,
    },
    receivedAt: row.receivedAt,
  };
}

/** ANAM's review queue of identity conflicts from the OGs' batches. */
@Resolver(() => IdentityConflictType)
export class IdentityConflictResolver {
  @Query(() => IdentityConflictConnectionType, {
    description:
      "Batch rows refused because their identity differs from the registry's (IDENTITY_CONFLICT), newest first: ANAM's review queue; refused to everyone else",
  })
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'IDENTITY' })
  async identityConflicts(
    @Args(() => IdentityConflictsArgs) args: IdentityConflictsArgs,
    @Ctx() context: BeneficiariesContext,
  ): Promise<IdentityConflictConnectionType> {
    if (!mayReviewIdentityConflicts(context.caller)) throw appError('IDENTITY_REVIEW_ANAM_ONLY');
    const page = await context.identityConflicts.page(args.first ?? 50, args.after ?? null);
    // Each row is a person's identity (the registry's and the one submitted): the audit names every one served.
    notePersons(
      context,
      page.rows.map((row) => row.personRef),
    );
    return { nodes: page.rows.map(toIdentityConflict) as IdentityConflictType[], endCursor: page.endCursor, hasNextPage: page.hasNextPage };
  }

  @FieldResolver(() => PersonType)
  async person(@Root() conflict: IdentityConflictType, @Ctx() context: BeneficiariesContext): Promise<PersonType> {
    const person = await context.persons.load(conflict.personRef);
    if (!person) throw appError('NOT_FOUND');
    notePersons(context, [{ ref: person.ref, nationalId: person.nationalId }]);
    return person;
  }
}
