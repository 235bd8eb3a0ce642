// `npm start -w console`: serves the built consoles alone, for a gateway and an identity provider already running
// (GATEWAY_URL, default http://127.0.0.1:4000/graphql; AUTH_ISSUER, default the embedded development issuer).
import { consoleOrigin, startConsoleServer } from './console-server.mjs';

const server = await startConsoleServer({
  origin: consoleOrigin(),
  issuer: process.env.AUTH_ISSUER ?? 'http://127.0.0.1:4010/realms/cmb',
  gatewayUrl: process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql',
});
console.log(`consoles: ${server.url} (the gateway needs CONSOLE_ORIGIN=${server.url})`);
