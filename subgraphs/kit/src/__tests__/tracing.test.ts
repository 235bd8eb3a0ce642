import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventEmitter } from 'node:events';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tracedHandler } from '../tracing/traced-handler';
import { inClientSpan, type Tracing } from '../tracing/tracing';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracing: Tracing = {
  tracer: provider.getTracer('test'),
  inject: (headers) => propagation.inject(context.active(), headers),
  shutdown: () => provider.shutdown(),
};

const CALLER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';

/** A request and a response as much as the handler reads of them; `end` emits `close` as node's response does. */
function exchange(url: string, headers: Record<string, string>) {
  const req = { url, method: 'POST', headers } as unknown as IncomingMessage;
  const res = Object.assign(new EventEmitter(), { statusCode: 200 }) as unknown as ServerResponse & EventEmitter;
  return { req, res, end: (status: number) => ((res.statusCode = status), res.emit('close')) };
}

describe('spans of a request and of its outgoing calls', () => {
  beforeAll(() => provider.register());
  afterAll(() => tracing.shutdown());
  beforeEach(() => exporter.reset());

  it("continues the caller's trace, carries it to the outgoing call, and records route, method and status only", async () => {
    const sent: Record<string, string> = {};
    const { req, res, end } = exchange('/graphql?query=%7Bperson(nationalId:%22ZZ000001%22)%7D', {
      traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`,
      authorization: 'Bearer secret-token',
    });
    const handler = tracedHandler(tracing, async () => {
      await inClientSpan(tracing, 'subgraph beneficiaries', { 'cmb.subgraph': 'beneficiaries' }, async () => tracing.inject(sent));
    }, ['/graphql']);
    await handler(req, res);
    end(200);
    const [client, server] = exporter.getFinishedSpans();
    expect(server?.name).toBe('POST /graphql');
    expect(server?.spanContext().traceId).toBe(CALLER_TRACE);
    expect(server?.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(server?.attributes).toEqual({
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'url.path': '/graphql',
      'http.response.status_code': 200,
    });
    expect(client?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
    expect(sent.traceparent).toBe(`00-${CALLER_TRACE}-${client?.spanContext().spanId}-01`);
    expect(JSON.stringify([client?.attributes, server?.attributes])).not.toMatch(/ZZ000001|secret-token/);
  });

  it('leaves other routes untraced, and marks a failed call with its error kind, never its message', async () => {
    const { req, res, end } = exchange('/healthz', {});
    await tracedHandler(tracing, async () => undefined, ['/graphql'])(req, res);
    end(200);
    await expect(
      inClientSpan(tracing, 'subgraph providers', {}, async () => {
        throw new TypeError('national id ZZ000001 refused');
      }),
    ).rejects.toThrow(TypeError);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(['subgraph providers']);
    expect(spans[0]?.attributes).toEqual({ 'error.type': 'TypeError' });
    expect(spans[0]?.events).toEqual([]);
    expect(spans[0]?.status.message).toBeUndefined();
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
