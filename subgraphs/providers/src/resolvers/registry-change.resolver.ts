import { appError, Scopes } from '@cmb/kit';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { ProvidersContext } from '../context';
import { mayReadRegistryHistory } from '../rules/registry-access';
import { RegistryChangeConnection } from '../types/registry-connections.types';
import { RegistryChangesArgs } from '../types/registry-history-args';

/** The diff a version of the INPE registry kept: added, changed and withdrawn codes. */
@Resolver()
export class RegistryChangeResolver {
  @Query(() => RegistryChangeConnection, {
    description: "A version's changes in INPE order, of one kind when asked; an unknown version is NOT_FOUND",
  })
  @Scopes({ anyOf: ['reference:import', 'provider:read'], sensitivity: 'PROFESSIONAL' })
  providerRegistryChanges(
    @Args(() => RegistryChangesArgs) args: RegistryChangesArgs,
    @Ctx() context: ProvidersContext,
  ): Promise<RegistryChangeConnection> {
    if (!mayReadRegistryHistory(context.caller, context.registryImport.owner)) throw appError('REFERENCE_IMPORT_ANAM_ONLY');
    return context.history.changes(args.versionId, args.kind, args.first, args.after);
  }
}
