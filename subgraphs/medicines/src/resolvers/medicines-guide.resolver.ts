import { appError, Scopes, toIsoDate } from '@cmb/kit';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { MedicinesContext } from '../context';
import rules from '../reference-data/gmr-rules.json';
import { mayImportReference } from '../rules/reference-import-access';
import { parseVersionId } from '../services/edge-validation';
import type { ListingPage } from '../services/guide-history';
import { MedicinesGuideChangeKindEnum, type MedicinesGuideChangeType } from '../types/medicines-guide-change.type';
import { MedicinesGuideChangeConnectionType, MedicinesGuideVersionConnectionType } from '../types/medicines-guide-connections.type';
import { ImportMedicinesGuideInput, MedicinesGuideImportType, MedicinesGuideRollbackType } from '../types/medicines-guide-import.type';
import type { MedicinesGuideVersionType } from '../types/medicines-guide-version.type';

/** Only ANAM loads, reads the diffs of and rolls back the guide's versions; anyone else is `FORBIDDEN`. */
function assertRegistryKeeper(context: MedicinesContext): void {
  if (!mayImportReference(context.caller)) throw appError('REFERENCE_IMPORT_ANAM_ONLY');
}

/** A listing page as a connection: edges, nodes and page information. */
function connectionOf<T>(page: ListingPage<T>) {
  return {
    edges: page.items,
    nodes: page.items.map((item) => item.node),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.items[0]?.cursor ?? null,
      endCursor: page.items[page.items.length - 1]?.cursor ?? null,
    },
  };
}

const PAGE = `At most ${rules.import.pageSize.max}; ${rules.import.pageSize.default} by default`;

/**
 * New versions of the reimbursable medicines guide (GMR), loaded by ANAM
 * under the purpose `reference:import`: import a file, roll the latest
 * version back, list the versions and the diff of each.
 */
@Resolver()
export class MedicinesGuideResolver {
  @Mutation(() => MedicinesGuideImportType, {
    description:
      'Loads a GMR file as a new version taking effect on its effective date (after the latest version), in one transaction; a malformed file is refused whole (BAD_USER_INPUT, extensions.lineErrors); the same file sent again changes nothing (replayed). ANAM only.',
  })
  @Scopes('reference:import')
  async importMedicinesGuide(
    @Arg('input', () => ImportMedicinesGuideInput) input: ImportMedicinesGuideInput,
    @Ctx() context: MedicinesContext,
  ): Promise<MedicinesGuideImportType> {
    assertRegistryKeeper(context);
    const effectiveDate = input.effectiveDate ? toIsoDate(input.effectiveDate) : null;
    return context.guideImports.importGuide({ csv: input.csv, effectiveDate, importedBy: context.caller.clientId });
  }

  @Mutation(() => MedicinesGuideRollbackType, {
    description:
      'Rolls back the latest GMR version, which an import loaded, in one transaction: the version before is in force again. ANAM only.',
  })
  @Scopes('reference:import')
  async rollbackMedicinesGuide(
    @Arg('versionId', () => String, { description: 'The latest version (its id, as a safeguard against rolling back another)' })
    versionId: string,
    @Ctx() context: MedicinesContext,
  ): Promise<MedicinesGuideRollbackType> {
    assertRegistryKeeper(context);
    return context.guideImports.rollback(parseVersionId(versionId));
  }

  @Query(() => MedicinesGuideVersionConnectionType, {
    description: 'The versions of the GMR, newest effective date first, with the counts of each diff. ANAM only.',
  })
  @Scopes('reference:import')
  async medicinesGuideVersions(
    @Arg('first', () => Int, { nullable: true, description: PAGE }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page' }) after: string | null,
    @Ctx() context: MedicinesContext,
  ): Promise<MedicinesGuideVersionConnectionType> {
    assertRegistryKeeper(context);
    return connectionOf<MedicinesGuideVersionType>(await context.guideHistory.versions({ first, after }));
  }

  @Query(() => MedicinesGuideChangeConnectionType, {
    description: 'What an imported GMR version changed against the version before it, in EAN-13 order, of one kind or all. ANAM only.',
  })
  @Scopes('reference:import')
  async medicinesGuideChanges(
    @Arg('versionId', () => String) versionId: string,
    @Arg('kind', () => MedicinesGuideChangeKindEnum, { nullable: true, description: 'Only changes of this kind' })
    kind: MedicinesGuideChangeKindEnum | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page' }) after: string | null,
    @Ctx() context: MedicinesContext,
  ): Promise<MedicinesGuideChangeConnectionType> {
    assertRegistryKeeper(context);
    const page = await context.guideHistory.changes({ versionId: parseVersionId(versionId), kind, first, after });
    return connectionOf<MedicinesGuideChangeType>({
      ...page,
      items: page.items.map((item) => ({ ...item, node: { ...item.node, kind: MedicinesGuideChangeKindEnum[item.node.kind] } })),
    });
  }
}
