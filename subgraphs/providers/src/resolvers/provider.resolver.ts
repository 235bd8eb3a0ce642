import { parseInpe, Scopes } from '@cmb/kit';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { ProvidersContext } from '../context';
import type { ProviderEntity } from '../entities/provider.entity';
import { conventionInForce, isConventioned } from '../rules/conventioned';
import { periodCovers } from '../rules/periods';
import { isActiveOn } from '../rules/provider-active';
import { ConventionType } from '../types/convention.type';
import { ProviderConnection } from '../types/provider-connection.types';
import { ProviderType } from '../types/provider.type';
import { NO_REGISTRY_VERSION } from '../rules/registry-version-name';
import type { ProviderOnDay } from '../services/provider-facts-service';
import { ProvidersArgs } from '../types/providers-args';

/** The day a provider is read for: the day of care when it comes with a decision, else today. */
function dayOf(provider: ProviderOnDay, context: ProvidersContext): string {
  return provider.readOn ?? context.today;
}

/** Loads providers by INPE through the request's loader, dropping codes the registry does not hold. */
async function loadKnown(context: ProvidersContext, inpes: readonly string[]): Promise<ProviderEntity[]> {
  const found = await Promise.all(inpes.map((inpe) => context.providers.load(inpe)));
  return found.filter((provider): provider is ProviderEntity => provider !== null);
}

/** Reads of the INPE registry: a provider, a filtered listing, attachments, and the per-provider facts of today. */
@Resolver(() => ProviderType)
export class ProviderResolver {
  @Query(() => ProviderType, { nullable: true, description: 'A provider of the INPE registry by its code; null when unknown' })
  @Scopes({ anyOf: ['provider:read'], sensitivity: 'PROFESSIONAL' })
  provider(@Arg('inpe', () => String) inpe: string, @Ctx() context: ProvidersContext): Promise<ProviderEntity | null> {
    return context.providers.load(parseInpe(inpe));
  }

  @Query(() => ProviderConnection, { nullable: true, description: 'Providers in INPE order, filtered, by pages' })
  @Scopes({ anyOf: ['provider:read'], sensitivity: 'PROFESSIONAL' })
  providers(@Args(() => ProvidersArgs) args: ProvidersArgs, @Ctx() context: ProvidersContext): Promise<ProviderConnection> {
    return context.directory.page(args.filter ?? {}, args.first, args.after);
  }

  @Query(() => [ProviderType], { description: 'Professionals attached to an establishment today' })
  @Scopes({ anyOf: ['provider:read'], sensitivity: 'PROFESSIONAL' })
  async attachedProfessionals(
    @Arg('establishmentInpe', () => String) establishmentInpe: string,
    @Ctx() context: ProvidersContext,
  ): Promise<ProviderEntity[]> {
    return loadKnown(context, await context.directory.attachedProfessionalInpes(establishmentInpe, context.today));
  }

  @FieldResolver(() => Boolean, {
    description: 'Status ACTIVE and within its dates on the day of care (in a decision), else today (Africa/Casablanca)',
  })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check'], sensitivity: 'PROFESSIONAL' })
  active(@Root() provider: ProviderOnDay, @Ctx() context: ProvidersContext): boolean {
    return isActiveOn(provider, dayOf(provider, context));
  }

  @FieldResolver(() => Boolean, {
    description:
      "At least one national convention in force, with any OG, on the day of care (in a decision), else today; the decision's own `conventioned` says whether it is with the person's OG",
  })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check'], sensitivity: 'PROFESSIONAL' })
  async conventioned(@Root() provider: ProviderOnDay, @Ctx() context: ProvidersContext): Promise<boolean> {
    return isConventioned(await context.conventions.load(provider.inpe), dayOf(provider, context));
  }

  @FieldResolver(() => [ConventionType], { description: 'National conventions with the OGs, past and present' })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check'], sensitivity: 'PROFESSIONAL' })
  async conventions(@Root() provider: ProviderOnDay, @Ctx() context: ProvidersContext): Promise<ConventionType[]> {
    const conventions = await context.conventions.load(provider.inpe);
    const day = dayOf(provider, context);
    return conventions.map((convention) => ({
      organism: convention.organism,
      careType: convention.careType,
      validFrom: convention.validFrom,
      validUntil: convention.validUntil,
      paymentMode: convention.paymentMode,
      active: conventionInForce(convention, day),
    }));
  }

  @FieldResolver(() => [ProviderType], { description: 'Establishments this professional is attached to today' })
  @Scopes({ anyOf: ['provider:read'], sensitivity: 'PROFESSIONAL' })
  async attachedTo(@Root() provider: ProviderEntity, @Ctx() context: ProvidersContext): Promise<ProviderEntity[]> {
    const attachments = await context.attachments.load(provider.inpe);
    const inForce = attachments.filter((a) => periodCovers(a.validFrom, a.validUntil, context.today)).map((a) => a.establishmentInpe);
    return loadKnown(context, [...new Set(inForce)]);
  }

  @FieldResolver(() => String, { description: 'Version of the INPE registry this answer was read from' })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check'], sensitivity: 'PROFESSIONAL' })
  async registryVersion(@Ctx() context: ProvidersContext): Promise<string> {
    return (await context.registryVersion())?.id ?? NO_REGISTRY_VERSION;
  }
}
