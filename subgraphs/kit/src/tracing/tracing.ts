import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import type { TracingSettings } from './tracing-settings';

/**
 * A process's tracing once started: its tracer, the W3C trace context
 * written into an outgoing request's headers, and a flush at stop. Code on
 * the hot path holds a `Tracing | null` and does nothing at all when null.
 */
export interface Tracing {
  tracer: Tracer;
  /** Writes the active trace context (`traceparent`, `tracestate`) into the headers of an outgoing request. */
  inject(headers: Record<string, string>): void;
  /** Exports what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK for this process: spans batched and exported
 * over OTLP/HTTP (JSON) to the configured collector, W3C trace context
 * propagation, the active span carried across `await`s (AsyncLocalStorage).
 * The SDK is loaded here only, so a process without an endpoint never loads it.
 */
export async function startTracing(settings: TracingSettings): Promise<Tracing> {
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { ATTR_SERVICE_NAME }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/semantic-conventions'),
    ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }))],
  });
  // The global provider, the AsyncLocalStorage context manager and the W3C propagator (Apollo's gateway spans use them).
  provider.register();
  return {
    tracer: trace.getTracer('cmb'),
    inject: (headers) => propagation.inject(context.active(), headers),
    shutdown: () => provider.shutdown(),
  };
}

/**
 * Runs an outgoing call in a client span of its own, active while it runs
 * (so `inject` writes its context): the span ends when the call settles,
 * marked as an error when it throws. Attributes are the caller's: never
 * personal data, a variable, a query text or a response.
 */
export async function inClientSpan<T>(
  tracing: Tracing,
  name: string,
  attributes: Attributes,
  call: (span: Span) => Promise<T>,
): Promise<T> {
  return tracing.tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      return await call(span);
    } catch (error) {
      // The kind of the error only: its message may quote what was sent.
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute('error.type', error instanceof Error ? error.name : 'Error');
      throw error;
    } finally {
      span.end();
    }
  });
}
