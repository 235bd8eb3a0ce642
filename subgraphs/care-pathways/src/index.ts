import { createLogger, serveSubgraph, stopOnSignals } from '@cmb/kit';
import { buildCarePathwaysApp } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.name, config.logLevel);
  const app = await buildCarePathwaysApp(config);
  const running = await serveSubgraph(app, app.dataSource, { host: config.host, port: config.port, logger });
  logger.info({ url: `${running.url}/graphql` }, 'care-pathways subgraph listening');
  stopOnSignals(() => running.close(), logger);
}

main().catch((error: unknown) => {
  console.error('care-pathways subgraph failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
