import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from 'pino';
import type { SubgraphTls } from '../config/subgraph-config';

/** A request handler that may answer asynchronously. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A listening HTTP(S) server that drains in-flight requests when closed. */
export interface RunningServer {
  /** `http://host:port`, or `https://` when served over TLS. */
  url: string;
  port: number;
  server: Server | HttpsServer;
  /** Stops accepting connections, waits for in-flight requests (bounded), then closes. */
  close(): Promise<void>;
}

/**
 * Listens with keep-alive tuned for a gateway in front, and counts in-flight
 * requests so a SIGTERM drains them instead of cutting them off: it keeps
 * accepting for a moment (`acceptAfterStopMs`, 500 ms), then stops accepting
 * connections, answers every request that arrives on the open ones
 * (closing each connection after its response), and closes once none has been
 * in flight for a moment and every accepted connection has sent its first
 * request, or at the drain timeout. With `tls`, it serves
 * HTTPS; with a client CA too, only clients whose certificate that CA signed
 * complete the handshake (mutual TLS: `requestCert`, `rejectUnauthorized`).
 */
export async function listen(
  handler: RequestHandler,
  options: {
    host: string;
    port: number;
    logger: Logger;
    tls?: SubgraphTls | null;
    drainTimeoutMs?: number;
    acceptAfterStopMs?: number;
    /** How long a whole request (headers and body) may take to arrive; Node's default (300 s) when absent. */
    requestTimeoutMs?: number;
  },
): Promise<RunningServer> {
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;
  // Connections accepted whose first request has not been read yet: a drain waits for them too, or a
  // request sent just before the stop, on a busy machine, would find its connection closed under it.
  const awaitingFirstRequest = new Set<Socket>();
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    awaitingFirstRequest.delete(req.socket);
    inFlight += 1;
    // While draining, answer what arrived and close each connection after its response.
    if (draining) res.setHeader('connection', 'close');
    res.on('close', () => {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    });
    handler(req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, 'unhandled request failure');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"errors":[{"message":"Internal error","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}');
    });
  };
  const { tls } = options;
  const server = tls
    ? createHttpsServer(
        {
          cert: tls.cert,
          key: tls.key,
          minVersion: 'TLSv1.2',
          ...(tls.clientCa && { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true }),
        },
        serve,
      )
    : createServer(serve);
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    awaitingFirstRequest.add(socket);
    socket.once('close', () => awaitingFirstRequest.delete(socket));
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  if (options.requestTimeoutMs !== undefined) server.requestTimeout = options.requestTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://${options.host}:${port}`;
  return {
    url,
    port,
    server,
    close: async () => {
      draining = true;
      // Keep accepting for a moment: requests already sent (a load balancer's last ones) still get in.
      await new Promise<void>((resolve) => setTimeout(resolve, options.acceptAfterStopMs ?? 500).unref());
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const deadline = Date.now() + (options.drainTimeoutMs ?? 10_000);
      // Requests already on open connections keep arriving for a moment: wait until none is in flight for a short while.
      while (Date.now() < deadline) {
        if (inFlight > 0) {
          await Promise.race([
            new Promise<void>((resolve) => (drained = resolve)),
            new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref()),
          ]);
        }
        await new Promise<void>((resolve) => setTimeout(resolve, 50).unref());
        if (inFlight === 0 && awaitingFirstRequest.size === 0) break;
      }
      server.closeIdleConnections();
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * A second signal this soon after the first is the same stop asked twice, not
 * an impatient operator: a terminal's Ctrl-C reaches the whole process group,
 * and `npm start` forwards its own SIGTERM to each child right after.
 */
export const REPEATED_SIGNAL_MS = 1_000;

/** How long the work that must survive a stop cut short (sealing the audit chain) may take before the process exits anyway. */
export const URGENT_STOP_MS = 5_000;

/** What a process must do at every stop, even one cut short. */
export interface StopOptions {
  /**
   * Run when a further signal cuts the graceful stop short, before the
   * process exits: the gateway seals its audit chain there, so no stop path
   * leaves its last events unsealed. Bounded by {@link URGENT_STOP_MS}.
   */
  urgent?: () => Promise<void>;
}

/**
 * Runs `stop` once on SIGTERM or SIGINT, then exits. A second signal within
 * {@link REPEATED_SIGNAL_MS} is the same request (ignored); a later one cuts
 * the graceful stop short: `urgent` runs (bounded), then the process exits;
 * a third exits at once. Used by every process's `index.ts`.
 */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger, options: StopOptions = {}): void {
  let stoppingSince: number | null = null;
  let cutShort = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppingSince !== null) {
      if (Date.now() - stoppingSince < REPEATED_SIGNAL_MS) {
        logger.info({ signal }, 'already stopping');
        return;
      }
      if (cutShort) process.exit(1);
      cutShort = true;
      logger.warn({ signal }, 'stopping at once');
      const bound = new Promise<void>((resolve) => setTimeout(resolve, URGENT_STOP_MS).unref());
      void Promise.race([(options.urgent?.() ?? Promise.resolve()).catch(() => undefined), bound]).then(() => process.exit(1));
      return;
    }
    stoppingSince = Date.now();
    logger.info({ signal }, 'stopping: draining in-flight requests');
    // The stop awaits unref'd timers (the drain's): keep the process alive until it has run to its end,
    // or the last steps (closing pools, sealing the audit chain) would be cut short by a silent exit.
    setInterval(() => undefined, 1_000);
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'failure while stopping');
        process.exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
