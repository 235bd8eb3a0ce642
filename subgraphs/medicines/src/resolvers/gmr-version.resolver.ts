import { Scopes } from '@cmb/kit';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { MedicinesContext } from '../context';
import { GmrVersionType } from '../types/gmr-version.type';

/** The published versions of the GMR. */
@Resolver(() => GmrVersionType)
export class GmrVersionResolver {
  @Query(() => [GmrVersionType], { description: 'Every GMR version, newest first' })
  @Scopes('medicine:read', 'eligibility:check')
  async gmrVersions(@Ctx() context: MedicinesContext): Promise<GmrVersionType[]> {
    return context.medicines.gmrVersions(await context.versions(), context.today);
  }
}
