import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import personasFile from '../fixtures/personas.json';
import { startGateway, startSubgraph, SUBGRAPHS } from '../../scripts/lib/federation.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';
import { postGraphQL } from '../support/graphql-client';
import { startOtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { authAs } from '../support/tokens';

const CHECK = /* GraphQL */ `
  query Check($input: EligibilityInput!) {
    eligibility(input: $input) {
      id
      eligible
      outcome
      reasons {
        code
      }
      coverage {
        organism
        role
        memberNumber
      }
      provider {
        inpe
        active
      }
      pathway {
        inPathway
      }
    }
  }
`;

/** OTLP's span kinds (`SPAN_KIND_SERVER`, `SPAN_KIND_CLIENT`). */
const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;

/** The eligibility check's services: the gateway and the three subgraphs whose facts make the decision. */
const TRACED = ['beneficiaries', 'providers', 'care-pathways'];

interface Persona {
  id: string;
  nationalId: string;
  providerInpe: string;
  careType: string;
  date: string;
  clientId: string;
}
const personas = (personasFile as { personas: Persona[] }).personas;

interface Running {
  url: string;
  stop(): Promise<void>;
}

const inputOf = (p: Persona) => ({ nationalId: p.nationalId, providerInpe: p.providerInpe, date: p.date, careType: p.careType });

async function eventually<T>(read: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  for (const until = Date.now() + ms; Date.now() < until;) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The gateway and the three subgraphs of the eligibility check, each
 * exporting its spans over OTLP/HTTP (JSON) to a receiver on loopback that
 * stands for the collector; the rest of the federation is the run's own.
 */
describe('one eligibility check is one trace across the gateway and its three subgraphs', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  const running: Running[] = [];
  let gatewayUrl: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' };
    const storage = { postgresUrl: inject('e2ePostgresUrl') };
    const routes: Record<string, string> = { ...inject('subgraphUrls') };
    for (const subgraph of (SUBGRAPHS as { name: string }[]).filter((s) => TRACED.includes(s.name))) {
      const started = (await startSubgraph(subgraph, storage, {
        port: await freePort(),
        env: { ...inject('subgraphEnv')[subgraph.name], ...tracing },
        quiet: true,
        portFallback: true,
      })) as Running & { name: string };
      running.push(started);
      routes[subgraph.name] = started.url;
    }
    const gateway = (await startGateway({
      port: await freePort(),
      subgraphUrls: routes,
      quiet: true,
      env: { ...inject('gatewayEnv'), ...tracing },
    })) as Running;
    running.push(gateway);
    gatewayUrl = gateway.url;
  });

  afterAll(async () => {
    for (const process of running.reverse()) await process.stop();
    await receiver?.close();
  });

  it('carries the W3C trace context from the gateway to beneficiaries, providers and care-pathways, parent to child', async () => {
    const p01 = personas[0] as Persona;
    const answer = await postGraphQL<{ eligibility: { outcome: string } }>(
      gatewayUrl,
      CHECK,
      { input: inputOf(p01) },
      await authAs(p01.clientId),
    );
    expect(answer.body.data?.eligibility.outcome).toBe('ELIGIBLE');
    const services = ['cmb-gateway', ...TRACED.map((name) => `cmb-${name}`)];
    // Exports come in batches: wait until the check's trace is whole, from the four services.
    const spans = await eventually(() => {
      const received = [...receiver.spans];
      const whole = completeTraces(received).size === 1;
      return whole && services.every((service) => received.some((span) => span.service === service)) ? received : undefined;
    }, 'spans from the four services');
    // One check, one trace: every span the four services exported belongs to it.
    const traces = new Set(spans.map((span) => span.traceId));
    expect(traces.size).toBe(1);
    const ids = new Set(spans.map((span) => span.spanId));
    const roots = spans.filter((span) => !span.parentSpanId);
    expect(roots.map((span) => [span.service, span.name])).toEqual([['cmb-gateway', 'POST /graphql']]);
    for (const span of spans.filter((s) => s.parentSpanId)) expect(ids.has(span.parentSpanId), span.name).toBe(true);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    for (const name of TRACED) {
      const server = spans.filter((span) => span.service === `cmb-${name}` && span.name === 'POST /graphql');
      expect(server.length, name).toBeGreaterThan(0);
      // Each subgraph's server span is the child of the gateway's call to that subgraph.
      for (const span of server) {
        const parent = byId.get(span.parentSpanId);
        expect(parent?.service).toBe('cmb-gateway');
        // A call of the plan, or the gateway's own lookup (an establishment's attached professionals).
        expect([`subgraph ${name}`, `gateway lookup ${name}`]).toContain(parent?.name);
        expect(span.attributes['http.response.status_code']).toBe('200');
      }
    }
    expect(spans.some((span) => span.name === 'gateway.request' && span.attributes['graphql.operation.name'] === 'Check')).toBe(true);
    printTrace(spans);
  });

  it("carries no personal data: no persona's national id or person ref in any span name, attribute or event", async () => {
    receiver.spans.length = 0;
    for (const persona of personas) {
      const answer = await postGraphQL(gatewayUrl, CHECK, { input: inputOf(persona) }, await authAs(persona.clientId));
      expect(answer.status, persona.id).toBe(200);
    }
    const beneficiaries = new Client({ connectionString: databaseUrl(inject('e2ePostgresUrl'), 'cmb_beneficiaries') });
    await beneficiaries.connect();
    const nationalIds = [...new Set(personas.map((p) => p.nationalId))];
    const refs = (
      await beneficiaries
        .query<{ ref: string }>('SELECT ref FROM person WHERE national_id = ANY($1)', [nationalIds])
        .finally(() => beneficiaries.end())
    ).rows.map((row) => row.ref);
    expect(refs.length).toBeGreaterThan(0);
    // One trace per check, each whole.
    const spans = await eventually(
      () => (completeTraces(receiver.spans).size >= personas.length ? [...receiver.spans] : undefined),
      'the traces of every persona',
    );
    // Checks of one provider on one day after the first: its facts from the gateway's shared answers, said in the call's span.
    expect(spans.some((span) => span.name === 'subgraph providers' && span.attributes['cmb.shared_answer'] === 'true')).toBe(true);
    // The checks ran one after the other: the first trace is the first persona's, on a warm gateway.
    const first = spans.find((span) => span.service === 'cmb-gateway' && !span.parentSpanId);
    printTrace(spans.filter((span) => span.traceId === first?.traceId));
    const written = spans.flatMap((span) => [
      span.name,
      ...Object.keys(span.attributes),
      ...Object.values(span.attributes),
      ...span.eventNames,
      ...span.eventAttributes,
    ]);
    expect(written.length).toBeGreaterThan(spans.length);
    for (const value of written) {
      for (const secret of [...nationalIds, ...refs]) expect(value.includes(secret), `${secret} in ${value}`).toBe(false);
      // Neither an operation's text nor its variables.
      expect(value).not.toMatch(/nationalId|eligibility\(|representations/);
    }
  });
});

/**
 * The traces whose spans have all arrived (exports come in batches, from
 * each process on its own timer): the gateway's root span is in (it ends
 * last, so every gateway span is), and every call to a subgraph has its
 * server span, but those the gateway answered from its shared answers
 * (`cmb.shared_answer`), which reach no subgraph.
 */
function completeTraces(spans: readonly ReceivedSpan[]): Set<string> {
  const traces = new Set(spans.filter((span) => span.service === 'cmb-gateway' && !span.parentSpanId).map((span) => span.traceId));
  for (const trace of traces) {
    const of = spans.filter((span) => span.traceId === trace);
    const calls = of.filter(
      (span) => span.service === 'cmb-gateway' && span.kind === SPAN_KIND_CLIENT && span.attributes['cmb.shared_answer'] !== 'true',
    ).length;
    const served = of.filter((span) => span.service !== 'cmb-gateway' && span.kind === SPAN_KIND_SERVER).length;
    if (calls === 0 || calls !== served) traces.delete(trace);
  }
  return traces;
}

/** With CMB_PRINT_TRACE set, writes one trace's spans (service, name, start after the root, duration) to stderr. */
function printTrace(spans: readonly ReceivedSpan[]): void {
  if (!process.env.CMB_PRINT_TRACE) return;
  const sorted = [...spans].sort((a, b) => Number(a.startNs - b.startNs));
  const start = sorted[0]?.startNs ?? 0n;
  const ms = (ns: bigint) => (Number(ns) / 1e6).toFixed(1);
  const lines = sorted.map(
    (s) => `${s.service.padEnd(18)} ${s.name.padEnd(24)} +${ms(s.startNs - start)} ms  ${ms(s.endNs - s.startNs)} ms`,
  );
  process.stderr.write(`${lines.join('\n')}\n`);
}

/** A URL of the run's cluster for another database. */
function databaseUrl(postgresUrl: string, database: string): string {
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
