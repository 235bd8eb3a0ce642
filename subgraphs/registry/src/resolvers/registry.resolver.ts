import { Scopes } from '@cmb/kit';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RegistryContext } from '../context';
import {
  ChangeResultType,
  CheckReportType,
  PublishSubgraphInput,
  RegisteredSubgraphType,
  SubgraphHistoryType,
  SupergraphVersionType,
} from '../types/registry.types';
import { toChangeResult, toRegisteredSubgraph, toSubgraphVersion, toSupergraphVersion } from '../types/to-api';

/** Most supergraph versions one list returns. */
const MAX_SUPERGRAPHS = 100;

/**
 * The subgraph registry's API, under the purpose `registry:publish` (OGs and
 * ANAM): publish, check, roll back and retire a subgraph (its owner only,
 * checked here), list the subgraphs and the supergraph versions, read a
 * subgraph's history. Every mutation goes through the gateway's audit step
 * (intent, then outcome, with the client, organisation and request id).
 */
@Resolver()
export class RegistryResolver {
  @Query(() => [RegisteredSubgraphType], { description: 'The subgraphs of the federation (routing URLs for their owner and ANAM only)' })
  @Scopes('registry:publish')
  async registeredSubgraphs(
    @Arg('includeRetired', () => Boolean, { defaultValue: false }) includeRetired: boolean,
    @Ctx() context: RegistryContext,
  ): Promise<RegisteredSubgraphType[]> {
    const views = await context.registry.list(context.caller, includeRetired);
    return views.map((view) => toRegisteredSubgraph(view.subgraph, view));
  }

  @Query(() => SubgraphHistoryType, {
    description: "A subgraph's versions and the supergraph versions it made, newest first: its owner and ANAM only",
  })
  @Scopes('registry:publish')
  async subgraphHistory(@Arg('name', () => String) name: string, @Ctx() context: RegistryContext): Promise<SubgraphHistoryType> {
    const history = await context.registry.history(context.caller, name);
    const [served] = history.versions.filter((v) => v.version === history.subgraph.currentVersion);
    return {
      subgraph: toRegisteredSubgraph(history.subgraph, {
        routingUrl: served?.routingUrl ?? null,
        publishedAt: served?.publishedAt ?? null,
      }),
      versions: history.versions.map(toSubgraphVersion),
      supergraphs: history.supergraphs.map(toSupergraphVersion),
    };
  }

  @Query(() => [SupergraphVersionType], { description: 'The supergraph versions, newest first' })
  @Scopes('registry:publish')
  async supergraphVersions(
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() context: RegistryContext,
  ): Promise<SupergraphVersionType[]> {
    return (await context.registry.supergraphs(Math.max(1, Math.min(first, MAX_SUPERGRAPHS)))).map(toSupergraphVersion);
  }

  @Query(() => SupergraphVersionType, {
    nullable: true,
    description: 'One supergraph version (the latest by default), with its access matrix',
  })
  @Scopes('registry:publish')
  async supergraphVersion(
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() context: RegistryContext,
  ): Promise<SupergraphVersionType | null> {
    const supergraph = await context.registry.supergraph(version ?? null);
    return supergraph ? toSupergraphVersion(supergraph) : null;
  }

  @Query(() => CheckReportType, { description: 'Runs every check of a publish without publishing (dry run)' })
  @Scopes('registry:publish')
  async checkSubgraph(
    @Arg('input', () => PublishSubgraphInput) input: PublishSubgraphInput,
    @Ctx() context: RegistryContext,
  ): Promise<CheckReportType> {
    const report = await context.registry.check(context.caller, input);
    return { ok: report.problems.length === 0, ...report };
  }

  @Mutation(() => ChangeResultType, {
    description:
      'Publishes a subgraph (its owner only; a new name becomes its publisher’s): every check, then a new supergraph version the gateways load',
  })
  @Scopes('registry:publish')
  async publishSubgraph(
    @Arg('input', () => PublishSubgraphInput) input: PublishSubgraphInput,
    @Ctx() context: RegistryContext,
  ): Promise<ChangeResultType> {
    return toChangeResult(await context.registry.publish(context.caller, input));
  }

  @Mutation(() => ChangeResultType, {
    description: 'Serves an earlier version of a subgraph again (the one before by default): its owner only',
  })
  @Scopes('registry:publish')
  async rollbackSubgraph(
    @Arg('name', () => String) name: string,
    @Arg('toVersion', () => Int, { nullable: true }) toVersion: number | null,
    @Ctx() context: RegistryContext,
  ): Promise<ChangeResultType> {
    return toChangeResult(await context.registry.rollback(context.caller, name, toVersion ?? null));
  }

  @Mutation(() => ChangeResultType, { description: 'Takes a subgraph out of the supergraph: its owner only; its name stays its owner’s' })
  @Scopes('registry:publish')
  async retireSubgraph(@Arg('name', () => String) name: string, @Ctx() context: RegistryContext): Promise<ChangeResultType> {
    return toChangeResult(await context.registry.retire(context.caller, name));
  }
}
