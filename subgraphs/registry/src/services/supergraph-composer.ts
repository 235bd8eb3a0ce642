import { createHash } from 'node:crypto';
import type { RealmClient } from '@cmb/auth';
import {
  accessMatrixRows,
  apiSchemaOf,
  fieldClasses,
  renderAccessMatrix,
  tryComposeSupergraph,
  type CompositionProblem,
} from '@cmb/composition';
import { scopeRequirementsFromSdl } from '@cmb/kit';
import type { GraphQLSchema } from 'graphql';

/** One subgraph of a supergraph: where it is routed, which version of whose SDL. */
export interface Member {
  name: string;
  owner: string;
  version: number;
  routingUrl: string;
  sdl: string;
  /** When the subgraph was first published (ISO). */
  createdAt: string;
  /**
   * Since when it has declared each type it serves, without a break, from the
   * versions it published (ISO, `typesDeclaredSince`): the longest declarer
   * of a type is its origin. A type absent from it was not declared before
   * (the version being published, or rolled back to, adds it).
   */
  typesSince: ReadonlyMap<string, string>;
}

/** A composed supergraph, ready to be stored as a version. */
export interface ComposedSupergraph {
  sdl: string;
  sha256: string;
  /** The client-facing schema, for the breaking-change check. */
  apiSchema: GraphQLSchema;
  /** `[{ name, owner, version, routingUrl, national }]` as stored: the gateways sign an OG subgraph's caller context for its owner. */
  members: string;
  /** Rendered lazily: only a supergraph that is stored needs it. */
  accessMatrix(): string;
}

/** SHA-256 of a text, hex. */
export function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Composes members into a supergraph with @cmb/composition (the build-time
 * composition's functions), in name order so the same members always give
 * the same SDL and hash; or every composition problem.
 */
export function composeMembers(
  members: readonly Member[],
  clients: () => readonly RealmClient[],
  nationalOwner: string,
): { composed: ComposedSupergraph } | { problems: CompositionProblem[] } {
  const ordered = [...members].sort((a, b) => a.name.localeCompare(b.name));
  const result = tryComposeSupergraph(ordered.map((m) => ({ name: m.name, url: m.routingUrl, sdl: m.sdl })));
  if ('problems' in result) return result;
  const sdl = result.supergraphSdl;
  const apiSchema = apiSchemaOf(sdl);
  return {
    composed: {
      sdl,
      sha256: sha256Of(sdl),
      apiSchema,
      members: JSON.stringify(
        ordered.map(({ name, owner, version, routingUrl }) => ({ name, owner, version, routingUrl, national: owner === nationalOwner })),
      ),
      accessMatrix: () =>
        renderAccessMatrix(
          accessMatrixRows(apiSchema, scopeRequirementsFromSdl(sdl)),
          [...clients()],
          { realm: 'the realm export', supergraph: 'this supergraph version' },
          fieldClasses(sdl),
        ),
    },
  };
}
