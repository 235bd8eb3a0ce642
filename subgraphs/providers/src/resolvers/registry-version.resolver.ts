import { appError, Scopes } from '@cmb/kit';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { ProvidersContext } from '../context';
import { mayReadRegistryHistory } from '../rules/registry-access';
import { RegistryVersionConnection } from '../types/registry-connections.types';
import { RegistryVersionsArgs } from '../types/registry-history-args';
import { RegistryVersionType } from '../types/registry-version.type';

/** The version of the INPE registry in force and whether the copy is stale (R6), and the versions loaded so far. */
@Resolver()
export class RegistryVersionResolver {
  @Query(() => RegistryVersionType, { nullable: true, description: 'The INPE registry version in force; null before the first load' })
  @Scopes('provider:read', 'eligibility:check')
  async providerRegistryVersion(@Ctx() context: ProvidersContext): Promise<RegistryVersionType | null> {
    const version = await context.registryVersion();
    return version ? context.freshness.view(version, version.id, context.today) : null;
  }

  @Query(() => RegistryVersionConnection, {
    description: 'The versions of the INPE registry copy, newest first, rolled back ones included',
  })
  @Scopes('reference:import', 'provider:read')
  async providerRegistryVersions(
    @Args(() => RegistryVersionsArgs) args: RegistryVersionsArgs,
    @Ctx() context: ProvidersContext,
  ): Promise<RegistryVersionConnection> {
    if (!mayReadRegistryHistory(context.caller, context.registryImport.owner)) throw appError('REFERENCE_IMPORT_ANAM_ONLY');
    const [page, inForce] = await Promise.all([context.history.versions(args.first, args.after), context.registryVersion()]);
    const view = (version: Parameters<typeof context.freshness.view>[0]) =>
      context.freshness.view(version, inForce?.id ?? null, context.today);
    return {
      edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: view(edge.node) })),
      nodes: page.nodes.map(view),
      endCursor: page.endCursor,
      hasNextPage: page.hasNextPage,
    };
  }
}
