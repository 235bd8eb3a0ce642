import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** One subgraph's SDL and routing URL. */
export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

/** One composition failure: the subgraph and the coordinate (`Type` or `Type.field`) it names, when it names them. */
export interface CompositionProblem {
  subgraph: string | null;
  coordinate: string | null;
  message: string;
}

/** A composition failure, each message naming its subgraph and line where composition says. */
export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`supergraph composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** What composition says of an error: its message and the AST nodes it points at. */
interface ComposedError {
  message: string;
  nodes?: readonly { loc?: { startToken: { line: number } }; subgraph?: string }[];
}

/** Names the subgraph and line of a composition error, from the AST nodes it points at. */
function describe(error: ComposedError): string {
  const where = (error.nodes ?? [])
    .map((node) => [node.subgraph, node.loc ? `line ${node.loc.startToken.line}` : undefined].filter(Boolean).join(' '))
    .filter(Boolean);
  return where.length > 0 ? `${error.message} (${where.join('; ')})` : error.message;
}

/** The first `"Type.field"` or `"Type"` a composition message quotes, for a problem's coordinate. */
function coordinateOf(message: string): string | null {
  const field = /"([A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)(?:\([^)]*\))?"/.exec(message);
  if (field?.[1]) return field[1];
  const type = /(?:type|Type|interface|enum|input|union|scalar) "([A-Za-z_][A-Za-z0-9_]*)"/.exec(message);
  return type?.[1] ?? null;
}

/** The subgraph a composition error names: its nodes' first, else the `[name]` prefix of its message. */
function subgraphOf(error: ComposedError, names: readonly string[]): string | null {
  const node = error.nodes?.find((n) => n.subgraph)?.subgraph;
  if (node) return node;
  const prefixed = /^\[([^\]]+)\]/.exec(error.message)?.[1];
  return prefixed && names.includes(prefixed) ? prefixed : null;
}

/**
 * Composes subgraph SDLs into the supergraph SDL the gateway loads: the
 * supergraph, or every problem, each naming its subgraph and coordinate when
 * composition says (the subgraph registry reports them one by one).
 */
export function tryComposeSupergraph(subgraphs: readonly SubgraphSdl[]): { supergraphSdl: string } | { problems: CompositionProblem[] } {
  const problems: CompositionProblem[] = [];
  const services = subgraphs.flatMap((subgraph) => {
    try {
      return [{ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) }];
    } catch (error) {
      problems.push({ subgraph: subgraph.name, coordinate: null, message: error instanceof Error ? error.message : String(error) });
      return [];
    }
  });
  if (problems.length > 0) return { problems };
  const result = composeServices(services);
  if (result.errors) {
    const names = subgraphs.map((s) => s.name);
    return {
      problems: result.errors.map((error) => {
        const composed = error as unknown as ComposedError;
        return { subgraph: subgraphOf(composed, names), coordinate: coordinateOf(composed.message), message: describe(composed) };
      }),
    };
  }
  return { supergraphSdl: result.supergraphSdl };
}

/** Composes subgraph SDLs into the supergraph SDL the gateway loads, or throws with every problem listed. */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): string {
  const composed = tryComposeSupergraph(subgraphs);
  if ('problems' in composed) {
    throw new CompositionError(
      composed.problems.map((problem) =>
        problem.subgraph && !problem.message.includes(problem.subgraph) ? `${problem.subgraph}: ${problem.message}` : problem.message,
      ),
    );
  }
  return composed.supergraphSdl;
}
