import { Scopes } from '@cmb/kit';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { ProvidersContext } from '../context';
import { isRegistryStale, workingDaysBetween } from '../rules/registry-staleness';
import { RegistryVersionType } from '../types/registry-version.type';

/** The version of the INPE registry in force and whether the copy is stale (R6). */
@Resolver()
export class RegistryVersionResolver {
  @Query(() => RegistryVersionType, { nullable: true, description: 'The INPE registry version in force; null before the first load' })
  @Scopes('provider:read', 'eligibility:check')
  async providerRegistryVersion(@Ctx() context: ProvidersContext): Promise<RegistryVersionType | null> {
    const version = await context.registryVersion();
    if (!version) return null;
    return {
      id: version.id,
      publishedOn: version.publishedOn,
      providerCount: version.providerCount,
      workingDaysSincePublication: workingDaysBetween(version.publishedOn, context.today, context.registry.weekendDays),
      stale: isRegistryStale(version.publishedOn, context.today, context.registry),
    };
  }
}
