import { describe, expect, it } from 'vitest';
import {
  barLine,
  finalLine,
  formatDuration,
  formatRate,
  LABEL_MAX_LENGTH,
  millisecondsLeft,
  percentDone,
  printableLabel,
  progressLine,
  unitsPerSecond,
  type ProgressSnapshot,
} from '../progress/progress-format';

describe('progress format', () => {
  it.each<[number, number | null, number | null]>([
    [0, 1000, 0],
    [250, 1000, 25],
    [999, 1000, 99],
    [1000, 1000, 100],
    [1500, 1000, 100],
    [0, 0, 100],
    [42, null, null],
  ])('%i of %s is %s%', (done, total, percent) => {
    expect(percentDone(done, total)).toBe(percent);
  });

  it.each<[number, number, number | null]>([
    [41_000, 1_000, 41_000],
    [500, 250, 2_000],
    [10, 0, null],
  ])('%i units in %i ms: %s per second', (done, elapsed, rate) => {
    expect(unitsPerSecond(done, elapsed)).toBe(rate);
  });

  it.each<[number, number | null, number, number | null]>([
    [250_000, 1_000_000, 6_000, 18_000],
    [1_000_000, 1_000_000, 24_000, 0],
    [1_200, 1_000, 5_000, 0],
    [0, 1_000, 5_000, null],
    [500, 1_000, 0, null],
    [500, null, 5_000, null],
  ])('%i of %s after %i ms: %s ms left', (done, total, elapsed, left) => {
    expect(millisecondsLeft(done, total, elapsed)).toBe(left);
  });

  it.each<[number, string]>([
    [41_234, '41000/s'],
    [1_234_567, '1200000/s'],
    [987, '990/s'],
    [12.3, '12/s'],
    [2.46, '2.5/s'],
    [0.04, '0.0/s'],
    [0, '0/s'],
    [Number.POSITIVE_INFINITY, '0/s'],
  ])('rate %s reads %s', (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });

  it.each<[number, string]>([
    [0, '0.0 s'],
    [400, '0.4 s'],
    [2_449, '2.4 s'],
    [18_200, '18 s'],
    [59_600, '1 min 0 s'],
    [185_000, '3 min 5 s'],
    [7_630_000, '2 h 7 min'],
    [-5, '0.0 s'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each<[ProgressSnapshot, string, string]>([
    [
      { label: 'seed beneficiaries: person', done: 250_000, total: 1_000_000, elapsedMs: 6_100 },
      'seed beneficiaries: person 250000/1000000 (25%) 41000/s, 18 s left',
      'seed beneficiaries: person 250000/1000000 (25%) 41000/s in 6.1 s',
    ],
    [
      { label: 'seed medical-records: document_pointer', done: 120_000, total: null, elapsedMs: 3_000 },
      'seed medical-records: document_pointer 120000 40000/s',
      'seed medical-records: document_pointer 120000 40000/s in 3.0 s',
    ],
    [
      { label: 'verify audit events', done: 0, total: 5_000, elapsedMs: 0 },
      'verify audit events 0/5000 (0%)',
      'verify audit events 0/5000 (0%) in 0.0 s',
    ],
    [
      { label: 'seed providers: registry_version', done: 3, total: 3, elapsedMs: 7 },
      'seed providers: registry_version 3/3 (100%)',
      'seed providers: registry_version 3/3 (100%) in 0.0 s',
    ],
    [
      { label: 'retention: events purged', done: 5_000, total: 5_000, elapsedMs: 2_000 },
      'retention: events purged 5000/5000 (100%) 2500/s',
      'retention: events purged 5000/5000 (100%) 2500/s in 2.0 s',
    ],
  ])('%o reads as a line under way and a final line', (snapshot, underWay, final) => {
    expect(progressLine(snapshot)).toBe(underWay);
    expect(finalLine(snapshot)).toBe(final);
  });

  it('draws a bar beside the counts, none for an unknown total or a narrow terminal, and cuts at the width', () => {
    const snapshot = { label: 'seed providers: provider', done: 50, total: 200, elapsedMs: 1_000 };
    expect(barLine(snapshot, '##--', 200)).toBe('seed providers: provider [##--] 25% 50/200 50/s, 3.0 s left');
    expect(barLine({ ...snapshot, total: null }, '##--', 200)).toBe('seed providers: provider 50 50/s');
    expect(barLine(snapshot, '##--', 56)).toBe('seed providers: provider 25% 50/200 50/s, 3.0 s left');
    expect(barLine(snapshot, '##--', 30)).toBe('seed providers: provider 25% 5');
  });

  it('shows a label as one line of printable text, bounded', () => {
    expect(printableLabel('seed\u001b[2J x\ny\t')).toBe('seed [2J x y');
    expect(printableLabel('a'.repeat(500))).toHaveLength(LABEL_MAX_LENGTH);
  });
});
