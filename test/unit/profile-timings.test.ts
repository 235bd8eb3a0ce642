// The profile's timings table: the gateway's operation and subgraph fetch
// histograms read from its /metrics before and after the measured window.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStalls, readGatewayTimings, renderTimings, timingsBetween } from '../../load-tests/profile/gateway-timings.mjs';

const metrics = (operations: number, seconds: number, shared: number, slowOperations = 0) =>
  [
    '# HELP cmb_gateway_operation_duration_seconds GraphQL operation duration',
    `cmb_gateway_operation_duration_seconds_bucket{le="0.005",root_field="eligibility",outcome="ok"} 1`,
    `cmb_gateway_operation_duration_seconds_bucket{le="0.1",root_field="eligibility",outcome="ok"} ${operations - slowOperations}`,
    `cmb_gateway_operation_duration_seconds_sum{root_field="eligibility",outcome="ok"} ${seconds}`,
    `cmb_gateway_operation_duration_seconds_count{root_field="eligibility",outcome="ok"} ${operations}`,
    `cmb_gateway_subgraph_fetch_duration_seconds_bucket{le="0.1",subgraph="beneficiaries",outcome="ok"} ${operations * 2}`,
    `cmb_gateway_subgraph_fetch_duration_seconds_sum{subgraph="beneficiaries",outcome="ok"} ${seconds / 4}`,
    `cmb_gateway_subgraph_fetch_duration_seconds_count{subgraph="beneficiaries",outcome="ok"} ${operations * 2}`,
    `cmb_gateway_subgraph_fetch_duration_seconds_bucket{le="0.1",subgraph="providers",outcome="shared"} ${shared}`,
    `cmb_gateway_subgraph_fetch_duration_seconds_sum{subgraph="providers",outcome="shared"} ${shared / 10_000}`,
    `cmb_gateway_subgraph_fetch_duration_seconds_count{subgraph="providers",outcome="shared"} ${shared}`,
    `cmb_gateway_subgraph_fetch_duration_seconds_count{subgraph="medicines",outcome="ok"} 7`,
    `cmb_gateway_audit_commit_seconds_bucket{le="0.1",outcome="ok"} ${operations - slowOperations}`,
    `cmb_gateway_audit_commit_seconds_sum{outcome="ok"} ${operations / 1000}`,
    `cmb_gateway_audit_commit_seconds_count{outcome="ok"} ${operations}`,
    `cmb_gateway_subgraph_fetch_duration_seconds_sum{subgraph="medicines",outcome="ok"} 0.1`,
  ].join('\n');

describe("the profile's timings from the gateway's histograms", () => {
  let text = metrics(10, 0.1, 5);
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end(text));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gives each series that moved over the window: calls per decision and mean time', async () => {
    const before = await readGatewayTimings(url);
    text = metrics(110, 1.3, 105, 3);
    const after = await readGatewayTimings(url);
    const rows = timingsBetween(before, after, 100);
    expect(rows).toEqual([
      { kind: 'operation', name: 'eligibility', outcome: 'ok', perDecision: 1, meanMs: expect.closeTo(12, 6), over100ms: 3 },
      { kind: 'fetch', name: 'beneficiaries', outcome: 'ok', perDecision: 2, meanMs: expect.closeTo(1.5, 6), over100ms: 0 },
      { kind: 'fetch', name: 'providers', outcome: 'shared', perDecision: 1, meanMs: expect.closeTo(0.1, 6), over100ms: 0 },
      { kind: 'audit', name: 'commit', outcome: 'ok', perDecision: 1, meanMs: expect.closeTo(1, 6), over100ms: 3 },
    ]);
    expect(renderTimings(rows)).toMatch(/\| fetch to providers +\| shared +\| 1\.00 +\| 0\.10 +\| 0 +\|/);
    expect(renderTimings(rows)).toMatch(/\| audit event committed \(after the operation\) +\| ok +\| 1\.00 +\| 1\.00 +\| 3 +\|/);
    // The three slow operations were not slow in a fetch: the stall was in the gateway itself; three commits were slow too.
    expect(describeStalls(rows)).toBe('operation 3, audit commit 3');
    expect(describeStalls((rows ?? []).map((row: { over100ms: number }) => ({ ...row, over100ms: 2 })))).toBe(
      'operation 2, beneficiaries 2, providers (shared) 2, audit commit 2',
    );
    // Unreadable metrics say nothing rather than "no stall".
    expect(describeStalls(null)).toBeNull();
  });

  it('without the 100 ms bucket the stalls are unknown, not zero', async () => {
    text = metrics(10, 0.1, 5)
      .split('\n')
      .filter((line) => !line.includes('le="0.1"'))
      .join('\n');
    const before = await readGatewayTimings(url);
    const after = await readGatewayTimings(url);
    const rows = timingsBetween(before, after, 1);
    expect(rows).toEqual([]);
    text = text.replace(/_count\{root_field="eligibility",outcome="ok"\} 10/, '_count{root_field="eligibility",outcome="ok"} 12');
    const moved = timingsBetween(before, await readGatewayTimings(url), 2);
    expect(moved?.[0]).toMatchObject({ kind: 'operation', perDecision: 1, over100ms: null });
    expect(renderTimings(moved)).toMatch(/\| operation eligibility +\| ok +\| 1\.00 +\| [\d.]+ +\| n\/a +\|/);
    expect(describeStalls(moved)).toBeNull();
  });

  it('has nothing to say without metrics', async () => {
    expect(await readGatewayTimings(undefined)).toBeNull();
    expect(await readGatewayTimings('http://127.0.0.1:9/metrics')).toBeNull();
    expect(timingsBetween(null, null, 10)).toBeNull();
    expect(renderTimings(null)).toBe('Timings: n/a (no gateway metrics)');
  });
});
