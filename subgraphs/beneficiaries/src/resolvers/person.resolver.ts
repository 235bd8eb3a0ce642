import { appError, parseNationalId, Scopes } from '@cmb/kit';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { BeneficiariesContext } from '../context';
import { visibleAffiliations } from '../rules/organism-scope';
import { mayLookUpPerson } from '../rules/person-lookup';
import { AffiliationType } from '../types/affiliation.type';
import { PersonType } from '../types/person.type';

/** Reads of the registry: a person, their affiliations and dependants. */
@Resolver(() => PersonType)
export class PersonResolver {
  @Query(() => PersonType, {
    nullable: true,
    description: "A person of the registry by national id: the entry point to a person's data; each field still needs its own purpose (identity: beneficiary:read, pathway: pathway:read, records: records:read)",
  })
  @Scopes({ anyOf: ['beneficiary:read', 'pathway:read', 'records:read'], sensitivity: 'IDENTITY' })
  async person(@Arg('nationalId', () => String) nationalId: string, @Ctx() context: BeneficiariesContext): Promise<PersonType | null> {
    const id = parseNationalId(nationalId).value;
    if (!mayLookUpPerson(context.caller)) throw appError('FORBIDDEN', { paths: 'person' });
    const person = await context.store.findPersonByNationalId(id);
    if (!person || context.organism === null) return person;
    // An OG sees a person only through an affiliation of its own.
    return visibleAffiliations(await context.store.affiliationsOf(person.ref), context.organism).length > 0 ? person : null;
  }

  @Query(() => [AffiliationType], { description: 'Every affiliation of a person, newest first' })
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'COVERAGE' })
  async affiliationHistory(@Arg('nationalId', () => String) nationalId: string, @Ctx() context: BeneficiariesContext): Promise<AffiliationType[]> {
    const id = parseNationalId(nationalId).value;
    if (!mayLookUpPerson(context.caller)) throw appError('FORBIDDEN', { paths: 'affiliationHistory' });
    const person = await context.store.findPersonByNationalId(id);
    return person ? visibleAffiliations(await context.store.affiliationsOf(person.ref), context.organism) : [];
  }

  @FieldResolver(() => [AffiliationType])
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'COVERAGE' })
  async affiliations(@Root() person: PersonType, @Ctx() context: BeneficiariesContext): Promise<AffiliationType[]> {
    return visibleAffiliations(await context.store.affiliationsOf(person.ref), context.organism);
  }

  @FieldResolver(() => [PersonType], { description: 'Spouse and children covered through this person' })
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'COVERAGE' })
  dependants(@Root() person: PersonType, @Ctx() context: BeneficiariesContext): Promise<PersonType[]> {
    return context.store.dependantsOf(person.ref, context.organism);
  }
}
