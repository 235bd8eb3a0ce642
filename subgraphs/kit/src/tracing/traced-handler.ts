import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from '../http/http-server';
import type { Tracing } from './tracing';

/** Reads the W3C trace context of an incoming request's headers. */
const headerGetter = {
  keys: (carrier: IncomingHttpHeaders) => Object.keys(carrier),
  get: (carrier: IncomingHttpHeaders, key: string) => carrier[key],
};

/**
 * Wraps an HTTP handler so each request to one of `routes` runs in a server
 * span, the child of the caller's trace when its `traceparent` names one:
 * `<METHOD> <route>`, with the method, route and response status only (no
 * query string, header value, body or client address). Other routes
 * (`/healthz`, `/readyz`) are not traced.
 */
export function tracedHandler(tracing: Tracing, handler: RequestHandler, routes: readonly string[]): RequestHandler {
  const traced = new Set(routes);
  return (req, res) => {
    const route = (req.url ?? '/').split('?')[0] ?? '/';
    if (!traced.has(route)) return handler(req, res);
    const method = req.method === 'GET' || req.method === 'POST' ? req.method : 'other';
    const parent = propagation.extract(context.active(), req.headers, headerGetter);
    const span = tracing.tracer.startSpan(
      `${method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'http.route': route, 'url.path': route } },
      parent,
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    return context.with(trace.setSpan(parent, span), () => handler(req, res));
  };
}
