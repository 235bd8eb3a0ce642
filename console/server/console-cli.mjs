// `npm start -w console`: serves the built consoles alone, for a gateway and an identity provider already running
// (AUTH_ISSUER and GATEWAY_URL; in development and test, NODE_ENV, they default to the embedded development
// issuer and http://127.0.0.1:4000/graphql; anywhere else both are required, over https: unless on this machine).
import { consoleEndpoints, consoleOrigin, startConsoleServer } from './console-server.mjs';

let endpoints;
try {
  endpoints = consoleEndpoints();
} catch (error) {
  console.error(`consoles not started: ${error.message}`);
  process.exit(1);
}
const server = await startConsoleServer({
  origin: consoleOrigin(),
  ...endpoints,
  // In a container: listen on HOST:PORT (0.0.0.0:8080), browsers reach CONSOLE_ORIGIN.
  listenOn: process.env.PORT ? { hostname: process.env.HOST ?? '127.0.0.1', port: process.env.PORT } : null,
});
console.log(`consoles: ${server.url} (the gateway needs CONSOLE_ORIGIN=${server.url})`);
