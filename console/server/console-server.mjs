// Serves the built consoles (dist/) on their own origin: the files, the
// runtime configuration (/config.json: the identity provider and the gateway
// the page talks to), and index.html for any other path (the page routes in
// the browser). A strict Content-Security-Policy: scripts and styles of this
// origin only, connections to the gateway and the identity provider only.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const DIST = join(import.meta.dirname, '..', 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** The consoles' origin from CONSOLE_ORIGIN, else http://127.0.0.1:CONSOLE_PORT (5173). */
export function consoleOrigin(env = process.env) {
  if (env.CONSOLE_ORIGIN) return new URL(env.CONSOLE_ORIGIN).origin;
  return `http://127.0.0.1:${Number(env.CONSOLE_PORT ?? 5173)}`;
}

/** Hosts of this machine: the only ones reached over plain `http:` outside development. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The identity provider and the gateway the page talks to, from AUTH_ISSUER
 * and GATEWAY_URL. In development and test (NODE_ENV) they default to the
 * embedded issuer and the local gateway; anywhere else (production is the
 * default, NODE_ENV unset included) both must be given, over `https:`, and
 * name this machine only when the consoles are served to this machine alone
 * (CONSOLE_ORIGIN on loopback): a browser sent to sign in at, or to post an
 * officer's search to, a loopback or plain-HTTP URL would hand them to
 * whatever listens there.
 */
export function consoleEndpoints(env = process.env) {
  const development = env.NODE_ENV === 'development' || env.NODE_ENV === 'test';
  // The URLs are the browser's: "this machine" is the officer's own unless the consoles are served to this machine only.
  const servedHereOnly = LOOPBACK.has(new URL(consoleOrigin(env)).hostname);
  const read = (name, fallback) => {
    const value = env[name] ?? (development ? fallback : undefined);
    if (!value) throw new Error(`${name} is required outside development (NODE_ENV=${env.NODE_ENV ?? 'unset'}): the URL browsers use`);
    const url = new URL(value);
    if (development || url.protocol === 'https:') {
      if (!development && LOOPBACK.has(url.hostname) && !servedHereOnly)
        throw new Error(`${name} names this machine, which for a browser elsewhere is its own: give the public URL`);
      return value;
    }
    if (url.protocol === 'http:' && LOOPBACK.has(url.hostname) && servedHereOnly) return value;
    throw new Error(`${name} must be an https: URL outside development (plain http: only when the consoles and it are on this machine)`);
  };
  return {
    issuer: read('AUTH_ISSUER', 'http://127.0.0.1:4010/realms/cmb'),
    gatewayUrl: read('GATEWAY_URL', 'http://127.0.0.1:4000/graphql'),
  };
}

/** The headers every answer carries: what the page may load and connect to, and no framing, sniffing or referrer. */
function securityHeaders({ origin, issuer, gatewayUrl }) {
  const connect = [new URL(gatewayUrl).origin, new URL(issuer).origin].join(' ');
  return {
    // The page holds the tokens: an https: origin is reached over HTTPS only, for a year.
    ...(new URL(origin).protocol === 'https:' && { 'strict-transport-security': 'max-age=31536000' }),
    'content-security-policy': [
      "default-src 'self'",
      `connect-src 'self' ${connect}`,
      "img-src 'self' data:",
      "style-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      `form-action 'self' ${new URL(issuer).origin}`,
    ].join('; '),
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** The request's path, percent-decoded; null when an escape is malformed. */
function decodedPath(url = '/') {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '/');
  } catch {
    return null;
  }
}

/**
 * Starts the consoles' server; resolves once it listens. `issuer`: the
 * realm's URL (AUTH_ISSUER); `gatewayUrl`: the gateway's `/graphql`.
 */
export async function startConsoleServer({ origin = consoleOrigin(), issuer, gatewayUrl, dist = DIST, listenOn = null }) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`the consoles are not built (${dist}): run npm run build -w console`);
  // Where it listens: the origin's own host and port, unless told otherwise (a container listens on HOST:PORT
  // while browsers reach it at CONSOLE_ORIGIN through a published port or an ingress).
  const { hostname, port } = listenOn ?? new URL(origin);
  const headers = securityHeaders({ origin, issuer, gatewayUrl });
  const config = JSON.stringify({ issuer, gatewayUrl });
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', ...headers }).end();
      return;
    }
    const path = decodedPath(req.url);
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store', ...headers }).end('{"status":"ok"}');
      return;
    }
    // A malformed escape (`/%`) would throw out of the handler and stop the server: refused here.
    if (path === null) {
      res.writeHead(400, { 'content-type': TYPES['.txt'], ...headers }).end('Malformed path.');
      return;
    }
    if (path === '/config.json') {
      res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store', ...headers }).end(config);
      return;
    }
    const file = normalize(join(dist, path));
    const inside = file.startsWith(dist + sep);
    const isFile = inside && existsSync(file) && statSync(file).isFile();
    // Any other path is a route of the page (/officer, /me, /callback ...): the page itself.
    const served = isFile ? file : join(dist, 'index.html');
    const immutable = isFile && path.startsWith('/assets/');
    res.writeHead(200, {
      'content-type': TYPES[extname(served)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=300' : 'no-cache',
      ...headers,
    });
    if (req.method === 'HEAD') res.end();
    // A file removed between the check and the read (a rebuild) ends this answer, not the server.
    else
      createReadStream(served)
        .on('error', () => res.destroy())
        .pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `port ${port} is taken: the consoles need ${origin} (the realm's redirect URIs); stop what uses it or set CONSOLE_ORIGIN`,
            )
          : error,
      ),
    );
    server.listen(Number(port), hostname.replace(/^\[|\]$/g, ''), resolve);
  });
  return {
    url: origin,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
