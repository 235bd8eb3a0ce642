// `npm start -w console`: serves the built consoles alone, for a gateway and an identity provider already running
// (GATEWAY_URL, default http://127.0.0.1:4000/graphql; AUTH_ISSUER, default the embedded development issuer).
import { consoleOrigin, startConsoleServer } from './console-server.mjs';

const server = await startConsoleServer({
  origin: consoleOrigin(),
  issuer: process.env.AUTH_ISSUER ?? 'http://127.0.0.1:4010/realms/cmb',
  gatewayUrl: process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql',
  // In a container: listen on HOST:PORT (0.0.0.0:8080), browsers reach CONSOLE_ORIGIN.
  listenOn: process.env.PORT ? { hostname: process.env.HOST ?? '127.0.0.1', port: process.env.PORT } : null,
});
console.log(`consoles: ${server.url} (the gateway needs CONSOLE_ORIGIN=${server.url})`);
