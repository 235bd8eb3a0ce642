import { notePersons, Scopes } from '@cmb/kit';
import { Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { MedicalRecordsContext } from '../context';
import { ConsentArgs, ConsentSettingsType, DocumentConsentArgs, ProviderConsentArgs } from '../types/consent.types';

/**
 * The person's consent on their record, managed by the person through the
 * patient portal (purpose `records:consent`) with the capability the
 * beneficiaries subgraph gives them (`me { ref consentCapability }`). Each
 * change answers the settings as they now are.
 */
@Resolver(() => ConsentSettingsType)
export class ConsentResolver {
  @Query(() => ConsentSettingsType, { description: 'The consent the signed-in person has set on their record' })
  @Scopes({ anyOf: ['records:consent'], sensitivity: 'HEALTH' })
  consentSettings(@Args(() => ConsentArgs) args: ConsentArgs, @Ctx() context: MedicalRecordsContext): Promise<ConsentSettingsType> {
    const personRef = context.consent.authorise(context.caller, args.personRef, args.capability);
    notePersons(context, [personRef]);
    return context.consent.settings(personRef);
  }

  @Mutation(() => ConsentSettingsType, {
    description: 'Blocks an establishment or a professional (by INPE) from the record; break-glass excepted',
  })
  @Scopes({ anyOf: ['records:consent'], sensitivity: 'HEALTH' })
  async blockProvider(
    @Args(() => ProviderConsentArgs) args: ProviderConsentArgs,
    @Ctx() context: MedicalRecordsContext,
  ): Promise<ConsentSettingsType> {
    const personRef = context.consent.authorise(context.caller, args.personRef, args.capability);
    notePersons(context, [personRef]);
    await context.consent.block(personRef, args.inpe);
    return context.consent.settings(personRef);
  }

  @Mutation(() => ConsentSettingsType, { description: 'Lifts a block' })
  @Scopes({ anyOf: ['records:consent'], sensitivity: 'HEALTH' })
  async unblockProvider(
    @Args(() => ProviderConsentArgs) args: ProviderConsentArgs,
    @Ctx() context: MedicalRecordsContext,
  ): Promise<ConsentSettingsType> {
    const personRef = context.consent.authorise(context.caller, args.personRef, args.capability);
    notePersons(context, [personRef]);
    await context.consent.unblock(personRef, args.inpe);
    return context.consent.settings(personRef);
  }

  @Mutation(() => ConsentSettingsType, { description: 'Hides a document of the record from every reader; break-glass excepted' })
  @Scopes({ anyOf: ['records:consent'], sensitivity: 'HEALTH' })
  async maskDocument(
    @Args(() => DocumentConsentArgs) args: DocumentConsentArgs,
    @Ctx() context: MedicalRecordsContext,
  ): Promise<ConsentSettingsType> {
    const personRef = context.consent.authorise(context.caller, args.personRef, args.capability);
    notePersons(context, [personRef]);
    await context.consent.setMasked(personRef, args.id, true);
    return context.consent.settings(personRef);
  }

  @Mutation(() => ConsentSettingsType, { description: 'Shows a masked document again' })
  @Scopes({ anyOf: ['records:consent'], sensitivity: 'HEALTH' })
  async unmaskDocument(
    @Args(() => DocumentConsentArgs) args: DocumentConsentArgs,
    @Ctx() context: MedicalRecordsContext,
  ): Promise<ConsentSettingsType> {
    const personRef = context.consent.authorise(context.caller, args.personRef, args.capability);
    notePersons(context, [personRef]);
    await context.consent.setMasked(personRef, args.id, false);
    return context.consent.settings(personRef);
  }
}
