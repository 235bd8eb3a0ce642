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

async function eventually<T>(read: () => T | undefined, what: string, ms = 20_000): Promise<T> {
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
    const spans = await eventually(
      () => (services.every((service) => receiver.spans.some((span) => span.service === service)) ? [...receiver.spans] : undefined),
      'spans from the four services',
    );
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
        expect(parent).toMatchObject({ service: 'cmb-gateway', name: `subgraph ${name}` });
        expect(span.attributes['http.response.status_code']).toBe('200');
      }
    }
    expect(spans.some((span) => span.name === 'gateway.request' && span.attributes['graphql.operation.name'] === 'Check')).toBe(true);
    const root = roots[0] as ReceivedSpan;
    const summary = spans
      .sort((a, b) => Number(a.startNs - b.startNs))
      .map(
        (span) =>
          `${span.service} ${span.name} +${Number(span.startNs - root.startNs) / 1e6}ms ${Number(span.endNs - span.startNs) / 1e6}ms`,
      );
    expect(summary.length).toBeGreaterThanOrEqual(4);
    if (process.env.CMB_PRINT_TRACE) process.stderr.write(`${summary.join('\n')}\n`);
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
    // Every check's spans have arrived once each check's subgraph spans have (one trace per check).
    const spans = await eventually(() => {
      const traces = new Set(receiver.spans.map((span) => span.traceId));
      const complete = [...traces].filter((trace) =>
        receiver.spans.some((span) => span.traceId === trace && span.service === 'cmb-beneficiaries'),
      );
      return complete.length >= personas.length ? [...receiver.spans] : undefined;
    }, 'the traces of every persona');
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

/** A URL of the run's cluster for another database. */
function databaseUrl(postgresUrl: string, database: string): string {
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
