import { createLogger, serveSubgraph, stopOnSignals } from '@cmb/kit';
import { buildMedicalRecordsApp } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.name, config.logLevel);
  const app = await buildMedicalRecordsApp(config);
  const running = await serveSubgraph(app, app.dataSource, { host: config.host, port: config.port, logger });
  logger.info({ url: `${running.url}/graphql` }, 'medical-records subgraph listening');
  stopOnSignals(() => running.close(), logger);
}

main().catch((error: unknown) => {
  console.error('medical-records subgraph failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
