import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import {
  BodyTooLargeError,
  executeGraphQL,
  pickLanguage,
  readBody,
  renderMessage,
  sendJson,
  signCallerContext,
  toGraphQLRequest,
  type Logger,
  type RequestHandler,
} from '@cmb/kit';
import { AuthenticationFailed, type Authenticate } from '../plugins/use-auth';
import type { RateLimiter } from '../plugins/use-rate-limit';
import type { GatewayContext } from '../plugins/gateway-context';
import type { GatewayMetrics } from '../plugins/metrics-registry';
import type { SubgraphReadiness } from './readiness';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** What the HTTP face of the gateway needs. */
export interface GatewayHandlerOptions {
  apollo: ApolloServer<GatewayContext>;
  metrics: GatewayMetrics;
  readiness: SubgraphReadiness;
  /** Whether the audit trail can be written (always true with the audit off): personal data is refused while it cannot. */
  auditAvailable: () => boolean;
  maxBodyBytes: number;
  isLoaded: () => boolean;
  authenticate: Authenticate;
  rateLimiter: RateLimiter;
  contextSecret: Buffer;
  logger: Logger;
}

/**
 * The gateway's routes: `/graphql` (POST, and GET for queries without
 * personal data), `/healthz`, `/readyz`, `/metrics`. Every answer carries the
 * request id; no URL, header value or variable is logged.
 */
export function createGatewayHandler(options: GatewayHandlerOptions): RequestHandler {
  return async (req, res) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    const route = (req.url ?? '/').split('?')[0] ?? '/';
    res.on('finish', () =>
      options.metrics.httpRequests.inc({
        route: ['/graphql', '/healthz', '/readyz', '/metrics'].includes(route) ? route : 'other',
        status: String(res.statusCode),
      }),
    );

    if (route === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (route === '/readyz') {
      const subgraphs = await options.readiness.check();
      const audit = options.auditAvailable();
      const ready = options.isLoaded() && Object.values(subgraphs).every(Boolean) && audit;
      return sendJson(res, ready ? 200 : 503, {
        status: ready ? 'ready' : 'not ready',
        supergraphLoaded: options.isLoaded(),
        subgraphs,
        auditStore: audit,
      });
    }
    if (route === '/metrics') {
      const text = await options.metrics.registry.metrics();
      res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
      res.end(text);
      return;
    }
    if (route !== '/graphql') return sendJson(res, 404, { error: 'not found' });

    const language = pickLanguage(req.headers['accept-language']);
    let caller;
    try {
      caller = await options.authenticate(req, requestId);
    } catch (error) {
      if (!(error instanceof AuthenticationFailed)) throw error;
      options.logger.info({ requestId, reason: error.reason }, 'unauthenticated request refused');
      req.resume();
      return sendJson(
        res,
        401,
        { errors: [{ message: renderMessage('UNAUTHENTICATED', {}, language), extensions: { code: 'UNAUTHENTICATED' } }] },
        { 'www-authenticate': 'Bearer realm="cmb", error="invalid_token"' },
      );
    }
    const wait = options.rateLimiter.take(caller.clientId);
    if (wait !== null) {
      req.resume();
      const params = { seconds: wait };
      return sendJson(
        res,
        429,
        {
          errors: [
            {
              message: renderMessage('RATE_LIMITED', params, language),
              extensions: { code: 'RATE_LIMITED', reason: 'RATE_LIMITED', params },
            },
          ],
        },
        { 'retry-after': String(wait) },
      );
    }
    let body = '';
    try {
      if (req.method === 'POST') body = await readBody(req, options.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      const params = { max: options.maxBodyBytes };
      sendJson(
        res,
        413,
        {
          errors: [
            {
              message: renderMessage('REQUEST_TOO_LARGE', params, language),
              extensions: { code: 'BAD_USER_INPUT', reason: 'REQUEST_TOO_LARGE', params },
            },
          ],
        },
        { connection: 'close' },
      );
      req.resume();
      return;
    }
    const { httpGraphQLRequest } = toGraphQLRequest(req, body);
    const signedContext = signCallerContext(caller, options.contextSecret);
    await executeGraphQL(options.apollo, httpGraphQLRequest, res, async () => ({
      requestId,
      language,
      caller,
      signedContext,
      subgraphsCalled: new Set<string>(),
    }));
  };
}
