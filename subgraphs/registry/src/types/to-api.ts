import type { RegisteredSubgraphEntity } from '../entities/registered-subgraph.entity';
import type { SubgraphVersionEntity } from '../entities/subgraph-version.entity';
import type { SupergraphVersionEntity } from '../entities/supergraph-version.entity';
import type { ChangeOutcome } from '../services/registry-service';
import type {
  ChangeResultType,
  RegisteredSubgraphType,
  SubgraphVersionType,
  SupergraphChangeCause,
  SupergraphVersionType,
} from './registry.types';

/** A subgraph as the API shows it; its routing URL only where the reader may see it. */
export function toRegisteredSubgraph(
  subgraph: RegisteredSubgraphEntity,
  details: { routingUrl: string | null; publishedAt: string | null },
): RegisteredSubgraphType {
  return {
    name: subgraph.name,
    owner: subgraph.owner,
    currentVersion: subgraph.currentVersion,
    retired: subgraph.currentVersion === null,
    createdAt: subgraph.createdAt,
    publishedAt: details.publishedAt,
    routingUrl: details.routingUrl,
  };
}

export function toSubgraphVersion(version: SubgraphVersionEntity): SubgraphVersionType {
  return {
    version: version.version,
    sdlSha256: version.sdlSha256,
    sdl: version.sdl,
    routingUrl: version.routingUrl,
    publishedByClient: version.publishedByClient,
    publishedByOrg: version.publishedByOrg,
    requestId: version.requestId,
    publishedAt: version.publishedAt,
  };
}

/** A supergraph version; its access matrix only when it was read (one version at a time). */
export function toSupergraphVersion(
  supergraph: Partial<SupergraphVersionEntity> & Pick<SupergraphVersionEntity, 'version'>,
): SupergraphVersionType {
  return {
    version: supergraph.version,
    sha256: supergraph.sha256 ?? '',
    cause: (supergraph.cause ?? 'PUBLISH') as SupergraphChangeCause,
    subgraph: supergraph.subgraph ?? null,
    subgraphVersion: supergraph.subgraphVersion ?? null,
    composedByOrg: supergraph.composedByOrg ?? '',
    composedAt: supergraph.composedAt ?? '',
    accessMatrix: supergraph.accessMatrix ?? null,
  };
}

/** What a change left, for its owner (who sees the routing URL). */
export function toChangeResult(outcome: ChangeOutcome): ChangeResultType {
  return {
    subgraph: toRegisteredSubgraph(outcome.subgraph, {
      routingUrl: outcome.version?.routingUrl ?? null,
      publishedAt: outcome.version?.publishedAt ?? null,
    }),
    version: outcome.version ? toSubgraphVersion(outcome.version) : null,
    supergraph: toSupergraphVersion({ ...outcome.supergraph, accessMatrix: undefined }),
    unchanged: outcome.unchanged,
    warnings: outcome.warnings,
  };
}
