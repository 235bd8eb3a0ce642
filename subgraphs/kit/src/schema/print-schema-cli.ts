import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';

/**
 * Prints a subgraph's SDL (with its federation directives) on stdout: the
 * gateway's build-time composition (`npm run compose`) reads it.
 */
export function printSchemaCli(build: () => Promise<GraphQLSchema>): void {
  build()
    .then((schema) => process.stdout.write(printSubgraphSchema(schema)))
    .catch((error: unknown) => {
      process.stderr.write(`schema build failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
