import { describe, expect, it } from 'vitest';
import { readTracingSettings } from '../tracing/tracing-settings';

describe('tracing settings from the standard OpenTelemetry variables', () => {
  it.each([
    { case: 'no endpoint: no tracing', env: {}, expected: null },
    { case: 'the SDK disabled', env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, expected: null },
    {
      case: 'the base endpoint: /v1/traces appended',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' },
      expected: { tracesUrl: 'http://collector:4318/v1/traces', serviceName: 'cmb-providers' },
    },
    {
      case: 'the traces endpoint as given, over the base one',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://b/otlp/traces' },
      expected: { tracesUrl: 'https://b/otlp/traces', serviceName: 'cmb-providers' },
    },
    {
      case: 'the service name and the JSON protocol',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SERVICE_NAME: 'providers-rabat', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      expected: { tracesUrl: 'http://c:4318/v1/traces', serviceName: 'providers-rabat' },
    },
  ])('$case', ({ env, expected }) => {
    expect(readTracingSettings(env, 'cmb-providers', 'subgraph providers')).toEqual(expected);
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, /OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'ftp://c/x' }, /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http\(s\) URL/],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      /OTEL_EXPORTER_OTLP_PROTOCOL must be http\/json/,
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' },
      /OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be http\/json/,
    ],
  ])('refuses %j with what to fix', (env, message) => {
    expect(() => readTracingSettings(env, 'cmb-gateway', 'gateway')).toThrow(message);
  });
});
