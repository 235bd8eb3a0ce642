import {
  appError,
  CareRelationshipType,
  issueCareRelationshipProof,
  issueConsentCapability,
  issuePersonProof,
  notePersons,
  parseNationalId,
  Scopes,
} from '@cmb/kit';
import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { BeneficiariesContext } from '../context';
import { visibleAffiliations } from '../rules/organism-scope';
import { mayHavePathwayProof } from '../rules/pathway-reader';
import { mayLookUpPerson, mayReadAffiliationHistory } from '../rules/person-lookup';
import { signedInPerson } from '../rules/signed-in-person';
import { AffiliationType } from '../types/affiliation.type';
import { PersonType } from '../types/person.type';

/** Reads of the registry: a person, their affiliations and dependants. */
@Resolver(() => PersonType)
export class PersonResolver {
  @Query(() => PersonType, {
    nullable: true,
    description:
      "A person of the registry by national id: the entry point to a person's data; each field still needs its own purpose (identity: beneficiary:read, pathway: pathway:read, records: records:read or records:break-glass)",
  })
  @Scopes({ anyOf: ['beneficiary:read', 'pathway:read', 'records:read', 'records:break-glass'], sensitivity: 'IDENTITY' })
  async person(@Arg('nationalId', () => String) nationalId: string, @Ctx() context: BeneficiariesContext): Promise<PersonType | null> {
    const id = parseNationalId(nationalId).value;
    if (!mayLookUpPerson(context.caller)) throw appError('FORBIDDEN', { paths: 'person' });
    const person = await context.store.findPersonByNationalId(id);
    // An OG sees a person only through an affiliation of its own.
    const visible =
      person &&
      (context.organism === null || visibleAffiliations(await context.store.affiliationsOf(person.ref), context.organism).length > 0);
    if (!person || !visible) return null;
    notePersons(context, [{ ref: person.ref, nationalId: person.nationalId }]);
    return person;
  }

  @Query(() => [AffiliationType], { description: 'Every affiliation of a person, newest first' })
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'COVERAGE' })
  async affiliationHistory(
    @Arg('nationalId', () => String) nationalId: string,
    @Ctx() context: BeneficiariesContext,
  ): Promise<AffiliationType[]> {
    const id = parseNationalId(nationalId).value;
    if (!mayReadAffiliationHistory(context.caller)) throw appError('FORBIDDEN', { paths: 'affiliationHistory' });
    const person = await context.store.findPersonByNationalId(id);
    const affiliations = person ? visibleAffiliations(await context.store.affiliationsOf(person.ref), context.organism) : [];
    if (person && affiliations.length > 0) notePersons(context, [{ ref: person.ref, nationalId: person.nationalId }]);
    return affiliations;
  }

  @Query(() => PersonType, {
    nullable: true,
    description:
      'The insured person signed in to the patient portal (the national id of their token); null when the registry does not know them',
  })
  @Scopes({ anyOf: ['beneficiary:read', 'records:consent'], sensitivity: 'IDENTITY' })
  async me(@Ctx() context: BeneficiariesContext): Promise<PersonType | null> {
    const self = signedInPerson(context.caller);
    if (!self) throw appError('FORBIDDEN', { paths: 'me' });
    const person = await context.store.findPersonByNationalId(self.nationalId);
    if (person) notePersons(context, [{ ref: person.ref, nationalId: person.nationalId }]);
    return person;
  }

  @FieldResolver(() => CareRelationshipType, {
    nullable: true,
    description:
      "The calling establishment's or professional's care relationship with this person (its last eligibility check); null for other callers. Federation only: medical-records requires it.",
  })
  @Directive('@inaccessible')
  async careRelationship(@Root() person: PersonType, @Ctx() context: BeneficiariesContext): Promise<CareRelationshipType | null> {
    const lastCheckOn = await context.lastChecks.load(person.ref);
    const org = context.caller.org;
    // Proven for this caller: medical-records counts no relationship written into a representation by hand.
    return lastCheckOn && org
      ? { lastCheckOn, proof: issueCareRelationshipProof(context.proofSecret, person.ref, org, lastCheckOn) }
      : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Proof that this registry served the person to the calling organisation under its row rules (an OG: a member it covers today); care-pathways requires it before it serves the person's pathway. Federation only.",
  })
  @Directive('@inaccessible')
  async readerProof(@Root() person: PersonType, @Ctx() context: BeneficiariesContext): Promise<string | null> {
    // Resolved only for a person this registry served the caller: by `person`, `me`, `dependants` or a reference, each under its rule.
    const org = context.caller.org;
    if (!org) return null;
    if (context.organism !== null) {
      const record = await context.coverage.load(person.ref);
      if (!record || !mayHavePathwayProof(context.organism, record.affiliations, context.today())) return null;
    }
    return issuePersonProof(context.proofSecret, person.ref, org);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Proof that this person is the insured person signed in to the patient portal (the consent capability); medical-records requires it to list the person's own documents (`me { documents }`). Null for anyone else. Federation only.",
  })
  @Directive('@inaccessible')
  ownerProof(@Root() person: PersonType, @Ctx() context: BeneficiariesContext): string | null {
    const self = signedInPerson(context.caller);
    if (!self || person.nationalId !== self.nationalId) return null;
    return issueConsentCapability(context.consentCapabilitySecret, person.ref, self.userId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'What the signed-in insured person hands to medical-records to manage the consent of their own record (block a provider, mask a document); null for anyone else, and for any person but the one signed in',
  })
  @Scopes({ anyOf: ['beneficiary:read', 'records:consent'], sensitivity: 'IDENTITY' })
  consentCapability(@Root() person: PersonType, @Ctx() context: BeneficiariesContext): string | null {
    const self = signedInPerson(context.caller);
    if (!self || person.nationalId !== self.nationalId) return null;
    return issueConsentCapability(context.consentCapabilitySecret, person.ref, self.userId);
  }

  @FieldResolver(() => [AffiliationType])
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'COVERAGE' })
  async affiliations(@Root() person: PersonType, @Ctx() context: BeneficiariesContext): Promise<AffiliationType[]> {
    return visibleAffiliations(await context.store.affiliationsOf(person.ref), context.organism);
  }

  @FieldResolver(() => [PersonType], { description: 'Spouse and children covered through this person' })
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'COVERAGE' })
  async dependants(@Root() person: PersonType, @Ctx() context: BeneficiariesContext): Promise<PersonType[]> {
    // A signed-in person reads their own record only (SECURITY.md): a spouse's or a child's is theirs, as `_entities` holds it.
    if (context.caller.orgKind === 'PATIENT_PORTAL') return [];
    const dependants = await context.store.dependantsOf(person.ref, context.organism);
    notePersons(
      context,
      dependants.map((dependant) => ({ ref: dependant.ref, nationalId: dependant.nationalId })),
    );
    return dependants;
  }
}
