import { listen, startTracing, stopOnSignals } from '@cmb/kit';
import { buildGatewayApp } from './app';
import { loadGatewayConfig } from './config';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  // Before the app is built, so every span of the gateway (its own and Apollo's) goes to the configured collector.
  const tracing = config.tracing ? await startTracing(config.tracing) : null;
  const app = await buildGatewayApp(config, undefined, tracing);
  // The body deadlines are the gateway's own (BODY_TIMEOUT_MS, IMPORT_TIMEOUT_MS): Node's whole-request limit only past the longest.
  const requestTimeoutMs = Math.max(config.bodyTimeoutMs, config.imports.timeoutMs) + 10_000;
  const running = await listen(app.handler, {
    host: config.host,
    port: config.port,
    logger: app.logger,
    tls: config.tls,
    requestTimeoutMs,
  });
  const metrics = await listen(app.metricsHandler, { ...config.metrics, logger: app.logger, acceptAfterStopMs: 0 });
  app.logger.info({ url: `${running.url}/graphql`, metrics: `${metrics.url}/metrics` }, 'gateway listening');
  stopOnSignals(
    async () => {
      await running.close();
      await metrics.close();
      await app.close();
      await tracing?.shutdown();
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
