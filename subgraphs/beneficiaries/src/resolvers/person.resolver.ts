import { parseNationalId, Scopes } from '@cmb/kit';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { BeneficiariesContext } from '../context';
import { visibleAffiliations } from '../rules/organism-scope';
import { AffiliationType } from '../types/affiliation.type';
import { PersonType } from '../types/person.type';

/** Reads of the registry: a person, their affiliations and dependants. */
@Resolver(() => PersonType)
export class PersonResolver {
  @Query(() => PersonType, { nullable: true, description: 'A person of the registry by national id' })
  @Scopes('beneficiary:read')
  async person(@Arg('nationalId', () => String) nationalId: string, @Ctx() context: BeneficiariesContext): Promise<PersonType | null> {
    const person = await context.store.findPersonByNationalId(parseNationalId(nationalId).value);
    if (!person || context.organism === null) return person;
    // An OG sees a person only through an affiliation of its own.
    return visibleAffiliations(await context.store.affiliationsOf(person.ref), context.organism).length > 0 ? person : null;
  }

  @Query(() => [AffiliationType], { description: 'Every affiliation of a person, newest first' })
  @Scopes('beneficiary:read')
  async affiliationHistory(@Arg('nationalId', () => String) nationalId: string, @Ctx() context: BeneficiariesContext): Promise<AffiliationType[]> {
    const person = await context.store.findPersonByNationalId(parseNationalId(nationalId).value);
    return person ? visibleAffiliations(await context.store.affiliationsOf(person.ref), context.organism) : [];
  }

  @FieldResolver(() => [AffiliationType])
  @Scopes('beneficiary:read')
  async affiliations(@Root() person: PersonType, @Ctx() context: BeneficiariesContext): Promise<AffiliationType[]> {
    return visibleAffiliations(await context.store.affiliationsOf(person.ref), context.organism);
  }

  @FieldResolver(() => [PersonType], { description: 'Spouse and children covered through this person' })
  @Scopes('beneficiary:read')
  dependants(@Root() person: PersonType, @Ctx() context: BeneficiariesContext): Promise<PersonType[]> {
    return context.store.dependantsOf(person.ref, context.organism);
  }
}
