import { appError, Scopes, SILENT_PROGRESS } from '@cmb/kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ProvidersContext } from '../context';
import { mayLoadRegistry } from '../rules/registry-access';
import { ImportProviderRegistryInput, RegistryImportType, RegistryRollbackType } from '../types/registry-import.types';

/** ANAM loads a new version of the INPE registry from the file it shares, or rolls the version in force back. */
@Resolver()
export class RegistryImportResolver {
  @Mutation(() => RegistryImportType, {
    description:
      'Loads the INPE registry file ANAM shares as a new version, in one transaction, or refuses it whole (BAD_USER_INPUT with extensions.lineErrors). The same file sent again returns its version.',
  })
  @Scopes({ anyOf: ['reference:import'], sensitivity: 'PROFESSIONAL' })
  async importProviderRegistry(
    @Arg('input', () => ImportProviderRegistryInput) input: ImportProviderRegistryInput,
    @Ctx() context: ProvidersContext,
  ): Promise<RegistryImportType> {
    const { caller } = context;
    if (!mayLoadRegistry(caller, context.registryImport.owner))
      throw appError('REFERENCE_IMPORT_ANAM_ONLY', {}, { language: caller.language });
    const result = await context.importer.importFile(input.csv, {
      loadedBy: caller.clientId,
      progress: SILENT_PROGRESS,
      language: caller.language,
    });
    // Decisions name the version in force: this process reads it anew at once (another process within the cache's few seconds).
    context.currentVersion.invalidate();
    return {
      version: context.freshness.view(result.version, (await context.registryVersion())?.id ?? null, context.today),
      alreadyLoaded: result.alreadyLoaded,
    };
  }

  @Mutation(() => RegistryRollbackType, {
    description: 'Rolls the version in force back: the copy is restored as it was before it, and the previous version is in force again',
  })
  @Scopes({ anyOf: ['reference:import'], sensitivity: 'PROFESSIONAL' })
  async rollbackProviderRegistry(
    @Arg('versionId', () => String, { description: 'The version in force (a safeguard against rolling back twice)' }) versionId: string,
    @Ctx() context: ProvidersContext,
  ): Promise<RegistryRollbackType> {
    const { caller } = context;
    if (!mayLoadRegistry(caller, context.registryImport.owner))
      throw appError('REFERENCE_IMPORT_ANAM_ONLY', {}, { language: caller.language });
    const result = await context.rollback.rollBack(versionId, {
      rolledBackBy: caller.clientId,
      progress: SILENT_PROGRESS,
      language: caller.language,
    });
    context.currentVersion.invalidate();
    const inForceId = result.inForce?.id ?? null;
    return {
      rolledBack: context.freshness.view(result.rolledBack, inForceId, context.today),
      inForce: result.inForce ? context.freshness.view(result.inForce, inForceId, context.today) : null,
    };
  }
}
