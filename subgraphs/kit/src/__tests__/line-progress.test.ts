import { describe, expect, it } from 'vitest';
import { createLineProgress } from '../progress/line-progress';
import { fakeOutput } from './support/fake-stream';

describe('line progress (CI, logs)', () => {
  it('writes at most one line per interval under way, and a final line per step', () => {
    const out = fakeOutput();
    const sink = createLineProgress({ stream: out.stream, now: out.now, intervalMs: 5_000 });
    sink.step('seed beneficiaries: person', 1_000_000);
    for (let i = 0; i < 40; i += 1) {
      out.tick(500);
      sink.advance(20_000);
    }
    sink.step('seed beneficiaries: affiliation', 1_000_000);
    out.tick(1_000);
    sink.advance(10_000);
    sink.end();
    expect(out.lines()).toEqual([
      'seed beneficiaries: person 200000/1000000 (20%) 40000/s, 20 s left',
      'seed beneficiaries: person 400000/1000000 (40%) 40000/s, 15 s left',
      'seed beneficiaries: person 600000/1000000 (60%) 40000/s, 10 s left',
      'seed beneficiaries: person 800000/1000000 (80%) 40000/s, 5.0 s left',
      'seed beneficiaries: person 800000/1000000 (80%) 40000/s in 20 s',
      'seed beneficiaries: affiliation 10000/1000000 (1%) 10000/s in 1.0 s',
    ]);
  });

  it('counts a step of unknown size without percent or time left', () => {
    const out = fakeOutput();
    const sink = createLineProgress({ stream: out.stream, now: out.now, intervalMs: 2_000 });
    sink.step('seed medical-records: document_pointer', null);
    out.tick(2_000);
    sink.advance(3_000);
    out.tick(1_000);
    sink.advance(3_000);
    sink.end();
    expect(out.lines()).toEqual([
      'seed medical-records: document_pointer 3000 1500/s',
      'seed medical-records: document_pointer 6000 2000/s in 3.0 s',
    ]);
  });

  it('writes a final line even for a step with nothing done, once, and nothing outside a step', () => {
    const out = fakeOutput();
    const sink = createLineProgress({ stream: out.stream, now: out.now });
    sink.advance(5);
    sink.end();
    sink.step('retention: events purged', 0);
    sink.end();
    sink.end();
    expect(out.lines()).toEqual(['retention: events purged 0/0 (100%) in 0.0 s']);
  });

  it('writes no line under way once the total is reached: the final line follows', () => {
    const out = fakeOutput();
    const sink = createLineProgress({ stream: out.stream, now: out.now, intervalMs: 5_000 });
    sink.step('seed medical-records: document_pointer (persons)', 100_000);
    out.tick(6_000);
    sink.advance(100_000);
    out.tick(6_000);
    sink.end();
    expect(out.lines()).toEqual(['seed medical-records: document_pointer (persons) 100000/100000 (100%) 8300/s in 12 s']);
  });

  it('keeps to the cadence however often it is advanced', () => {
    const out = fakeOutput();
    const sink = createLineProgress({ stream: out.stream, now: out.now, intervalMs: 5_000 });
    sink.step('verify audit events', null);
    for (let i = 0; i < 60_000; i += 1) {
      out.tick(1);
      sink.advance(1);
    }
    sink.end();
    expect(out.lines()).toHaveLength(60_000 / 5_000 + 1);
  });
});
