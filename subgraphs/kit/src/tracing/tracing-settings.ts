/** Where and as what a process exports its traces (OTLP over HTTP, JSON). */
export interface TracingSettings {
  /** The OTLP/HTTP traces URL: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`. */
  tracesUrl: string;
  /** `OTEL_SERVICE_NAME`, else the process's own name (`cmb-gateway`, `cmb-beneficiaries`, ...). */
  serviceName: string;
}

/** The protocol the exporter speaks: OTLP/HTTP with JSON bodies (a collector's OTLP/HTTP receiver takes it). */
const PROTOCOL = 'http/json';

function httpUrl(variable: string, value: string, owner: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Invalid ${owner} configuration: ${variable} must be an http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`Invalid ${owner} configuration: ${variable} must be an http(s) URL`);
  return url;
}

/**
 * The tracing settings from the standard OpenTelemetry variables, or null
 * when no OTLP endpoint is configured (or `OTEL_SDK_DISABLED=true`): then no
 * SDK is loaded and no span is made. The protocol, when set, must be
 * `http/json`, the one this exporter speaks.
 */
export function readTracingSettings(
  env: Record<string, string | undefined>,
  defaultServiceName: string,
  owner: string,
): TracingSettings | null {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return null;
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!traces && !base) return null;
  for (const variable of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    const protocol = env[variable]?.trim();
    if (protocol && protocol !== PROTOCOL)
      throw new Error(`Invalid ${owner} configuration: ${variable} must be ${PROTOCOL} (OTLP over HTTP with JSON), not ${protocol}`);
  }
  const tracesUrl = traces
    ? httpUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', traces, owner).href
    : `${httpUrl('OTEL_EXPORTER_OTLP_ENDPOINT', base ?? '', owner).href.replace(/\/$/, '')}/v1/traces`;
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || defaultServiceName;
  return { tracesUrl, serviceName };
}
