/**
 * How subgraphs compose into the supergraph, and the rules every composition
 * obeys: the build-time composition (`npm run compose`) and the subgraph
 * registry's publishes use these same functions, so a schema the build
 * refuses the registry refuses too.
 */
export * from './compose';
export * from './classification';
export * from './composed-classification';
export * from './access-matrix';
export * from './build-composition';
export * from './sdl-reading';
