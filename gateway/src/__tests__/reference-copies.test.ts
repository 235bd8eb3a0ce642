import type { ReferenceCopyStatus } from '@cmb/kit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerReferenceCopyMetrics } from '../metrics/gateway-metrics';
import { referenceCopiesFrom, staleCopies } from '../server/reference-copies';

const inpe = {
  copy: 'inpe-registry',
  version: 'INPE-2026-11-27',
  asOf: '2026-11-27',
  ageDays: 6,
  maxAge: '5 working days + 2',
  stale: false,
};
const gmr = { copy: 'gmr', version: 'GMR-2026-09', asOf: '2026-09-01', ageDays: 93, maxAge: '120 days', stale: false };

describe("the subgraphs' reference copies (freshness)", () => {
  it('reads the copies a subgraph lists on /readyz', () => {
    expect(referenceCopiesFrom({ status: 'ready', referenceCopies: [inpe] })).toEqual([inpe]);
    expect(referenceCopiesFrom({ status: 'ready' })).toEqual([]);
    expect(referenceCopiesFrom(null)).toEqual([]);
  });

  it.each([
    ['a name that is not a short lower-case word (it would become a metric label)', { ...inpe, copy: 'INPE"} 1\nevil{x="' }],
    ['an age that is not a number', { ...inpe, ageDays: 'six' }],
    ['a missing staleness', { ...inpe, stale: undefined }],
    ['a name too long', { ...inpe, copy: 'a'.repeat(41) }],
  ])('drops %s', (_label, copy) => {
    expect(referenceCopiesFrom({ referenceCopies: [copy, gmr] })).toEqual([gmr]);
  });

  it('reads at most twenty copies of one subgraph', () => {
    const many = Array.from({ length: 50 }, (_, index) => ({ ...gmr, copy: `copy-${index}` }));
    expect(referenceCopiesFrom({ referenceCopies: many })).toHaveLength(20);
  });

  it('names the stale copies by subgraph', () => {
    const copies = { providers: [{ ...inpe, stale: true }], medicines: [gmr], beneficiaries: [] };
    expect(staleCopies(copies)).toEqual(['providers/inpe-registry']);
  });

  it("exposes each copy's age and staleness to Prometheus, read at scrape time", async () => {
    const registry = new Registry();
    let copies: Record<string, ReferenceCopyStatus[]> = { providers: [inpe] };
    registerReferenceCopyMetrics(registry, async () => copies);
    let text = await registry.metrics();
    expect(text).toContain('cmb_reference_copy_age_days{subgraph="providers",copy="inpe-registry"} 6');
    expect(text).toContain('cmb_reference_copy_stale{subgraph="providers",copy="inpe-registry"} 0');
    copies = { providers: [{ ...inpe, ageDays: 9, stale: true }], medicines: [{ ...gmr, ageDays: null }] };
    text = await registry.metrics();
    expect(text).toContain('cmb_reference_copy_age_days{subgraph="providers",copy="inpe-registry"} 9');
    expect(text).toContain('cmb_reference_copy_stale{subgraph="providers",copy="inpe-registry"} 1');
    // A copy never loaded has no age, and is stale as its subgraph says.
    expect(text).not.toContain('cmb_reference_copy_age_days{subgraph="medicines"');
    expect(text).toContain('cmb_reference_copy_stale{subgraph="medicines",copy="gmr"} 0');
  });
});
