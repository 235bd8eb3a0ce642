import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** One subgraph's SDL and routing URL. */
export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

/** A composition failure, each message naming its subgraph and line where composition says. */
export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`supergraph composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Names the subgraph and line of a composition error, from the AST nodes it points at. */
function describe(error: { message: string; nodes?: readonly { loc?: { startToken: { line: number } }; subgraph?: string }[] }): string {
  const where = (error.nodes ?? [])
    .map((node) => [node.subgraph, node.loc ? `line ${node.loc.startToken.line}` : undefined].filter(Boolean).join(' '))
    .filter(Boolean);
  return where.length > 0 ? `${error.message} (${where.join('; ')})` : error.message;
}

/** Composes subgraph SDLs into the supergraph SDL the gateway loads, or throws with every problem listed. */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): string {
  const problems: string[] = [];
  const services = subgraphs.flatMap((subgraph) => {
    try {
      return [{ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) }];
    } catch (error) {
      problems.push(`${subgraph.name}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  });
  if (problems.length > 0) throw new CompositionError(problems);
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors.map((error) => describe(error as never)));
  return result.supergraphSdl;
}
