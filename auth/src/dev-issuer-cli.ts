import { withConsoleOrigin } from './console-origin';
import { startDevIssuer } from './dev-issuer';
import { loadRealm } from './realm';

/**
 * Runs the development issuer on PORT (default 4010) until SIGTERM/SIGINT,
 * its browser clients returning to CONSOLE_ORIGIN when given. Refuses to
 * start unless NODE_ENV is development or test.
 */
async function main(): Promise<void> {
  // The console's one origin (CONSOLE_ORIGIN, default the realm's http://127.0.0.1:5173): where the browser clients return.
  const issuer = await startDevIssuer(withConsoleOrigin(loadRealm(), process.env.CONSOLE_ORIGIN || undefined), {
    port: Number(process.env.PORT ?? 4010),
    host: process.env.HOST ?? '127.0.0.1',
    // Only under development or test: any other NODE_ENV, unset included, is production.
    production: process.env.NODE_ENV !== 'development' && process.env.NODE_ENV !== 'test',
  });
  process.stdout.write(`development issuer ${issuer.issuer}\n`);
  const stop = () => {
    issuer.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`development issuer failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
