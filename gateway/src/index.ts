import { listen, stopOnSignals } from '@cmb/kit';
import { buildGatewayApp } from './app';
import { loadGatewayConfig } from './config';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const app = await buildGatewayApp(config);
  const running = await listen(app.handler, { host: config.host, port: config.port, logger: app.logger });
  app.logger.info({ url: `${running.url}/graphql` }, 'gateway listening');
  stopOnSignals(
    async () => {
      await running.close();
      await app.close();
    },
    app.logger,
    // A stop cut short by a further signal still seals the audit chain before the process exits.
    { urgent: () => app.seal() },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
