import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SubgraphSdl } from './compose';

/** Where `npm run compose` writes the build-time composition, beside the supergraph it composed. */
export const BUILD_COMPOSITION_PATH = resolve(__dirname, '../../gateway/supergraph/composition.json');

/**
 * What `npm run compose` composed: the national subgraphs (name, routing URL,
 * SDL) and the SHA-256 of the supergraph composed from them. The subgraph
 * registry is filled with them on its first start; the gateway falls back to
 * the supergraph beside it when the registry cannot be read at start.
 */
export interface BuildComposition {
  about: string;
  composedAt: string;
  supergraphSha256: string;
  subgraphs: SubgraphSdl[];
}

/** Reads the build-time composition, naming the command to run when it is missing or malformed. */
export function readBuildComposition(path: string = BUILD_COMPOSITION_PATH): BuildComposition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`build-time composition not found at ${path}: run npm run build && npm run compose`);
  }
  const composition = parsed as Partial<BuildComposition>;
  const valid =
    Array.isArray(composition.subgraphs) &&
    composition.subgraphs.every((s) => typeof s?.name === 'string' && typeof s.url === 'string' && typeof s.sdl === 'string') &&
    typeof composition.supergraphSha256 === 'string';
  if (!valid) throw new Error(`build-time composition at ${path} is malformed: run npm run compose again`);
  return composition as BuildComposition;
}
