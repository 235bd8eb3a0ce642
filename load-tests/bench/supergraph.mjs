// The composed supergraph routed to the subgraphs this run started: peer
// gateways read routing URLs from the SDL (join__graph url), so they get a
// copy with those URLs rewritten.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SUBGRAPHS } from '../../scripts/lib/federation.mjs';

export const SUPERGRAPH_PATH = join(ROOT, 'gateway/supergraph/supergraph.graphql');

/** Writes `<dir>/supergraph.graphql` with every subgraph's URL replaced; fails when a subgraph is missing from the SDL. */
export function writeRoutedSupergraph(dir, urls) {
  if (!existsSync(SUPERGRAPH_PATH)) throw new Error(`${SUPERGRAPH_PATH} is missing: run npm run build && npm run compose`);
  let sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  for (const { name } of SUBGRAPHS) {
    const pattern = new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`);
    if (!pattern.test(sdl)) throw new Error(`subgraph ${name} has no join__graph url in ${SUPERGRAPH_PATH}`);
    sdl = sdl.replace(pattern, `$1${urls[name]}$2`);
  }
  const path = join(dir, 'supergraph.graphql');
  writeFileSync(path, sdl);
  return path;
}
