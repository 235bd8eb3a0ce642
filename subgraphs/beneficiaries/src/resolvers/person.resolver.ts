import { parseNationalId, Scopes } from '@cmb/kit';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { BeneficiariesContext } from '../context';
import { AffiliationType } from '../types/affiliation.type';
import { PersonType } from '../types/person.type';

/** Reads of the registry: a person, their affiliations and dependants. */
@Resolver(() => PersonType)
export class PersonResolver {
  @Query(() => PersonType, { nullable: true, description: 'A person of the registry by national id' })
  @Scopes('beneficiary:read')
  person(@Arg('nationalId', () => String) nationalId: string, @Ctx() context: BeneficiariesContext): Promise<PersonType | null> {
    return context.store.findPersonByNationalId(parseNationalId(nationalId).value);
  }

  @Query(() => [AffiliationType], { description: 'Every affiliation of a person, newest first' })
  @Scopes('beneficiary:read')
  async affiliationHistory(@Arg('nationalId', () => String) nationalId: string, @Ctx() context: BeneficiariesContext): Promise<AffiliationType[]> {
    const person = await context.store.findPersonByNationalId(parseNationalId(nationalId).value);
    return person ? context.store.affiliationsOf(person.ref) : [];
  }

  @FieldResolver(() => [AffiliationType])
  @Scopes('beneficiary:read')
  affiliations(@Root() person: PersonType, @Ctx() context: BeneficiariesContext): Promise<AffiliationType[]> {
    return context.store.affiliationsOf(person.ref);
  }

  @FieldResolver(() => [PersonType], { description: 'Spouse and children covered through this person' })
  @Scopes('beneficiary:read')
  dependants(@Root() person: PersonType, @Ctx() context: BeneficiariesContext): Promise<PersonType[]> {
    return context.store.dependantsOf(person.ref);
  }
}
