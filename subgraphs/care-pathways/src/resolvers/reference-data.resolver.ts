import { Public } from '@cmb/kit';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { CarePathwaysContext } from '../context';
import { AldConditionType } from '../types/ald-condition.type';
import { TherapeuticProtocolType } from '../types/therapeutic-protocol.type';

/** Reads of the reference lists ANAM keeps (ALD/ALC, therapeutic protocols): no personal data. */
@Resolver()
export class ReferenceDataResolver {
  @Query(() => [AldConditionType], { description: 'The long-term illness (ALD/ALC) list in force' })
  @Public('reference data: the ALD/ALC list ANAM publishes')
  aldList(@Ctx() context: CarePathwaysContext): AldConditionType[] {
    return context.catalog.aldList();
  }

  @Query(() => [TherapeuticProtocolType], { description: 'Validated therapeutic protocols, all or those of one pathology' })
  @Public('reference data: the validated therapeutic protocols')
  protocols(
    @Arg('pathology', () => String, { nullable: true }) pathology: string | null | undefined,
    @Ctx() context: CarePathwaysContext,
  ): TherapeuticProtocolType[] {
    return context.catalog.protocols(pathology);
  }
}
