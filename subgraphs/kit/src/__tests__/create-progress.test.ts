import { describe, expect, it } from 'vitest';
import { readProgressMode } from '../config/progress-config';
import { createProgress, resolveProgress } from '../progress/create-progress';
import { createProgressBoard } from '../progress/progress-board';
import { PROGRESS_EVENT_PREFIX } from '../progress/progress-events';
import { SILENT_PROGRESS } from '../progress/progress-sink';
import { fakeOutput, withoutEscapes } from './support/fake-stream';

describe('createProgress: how a CLI shows its progress', () => {
  it.each<[string | undefined, boolean, string]>([
    [undefined, true, 'bars'],
    [undefined, false, 'lines'],
    ['', true, 'bars'],
    ['lines', true, 'lines'],
    ['LINES', true, 'lines'],
    ['bars', false, 'bars'],
    ['off', true, 'off'],
    ['events', false, 'events'],
  ])('CMB_PROGRESS=%s on a terminal %s: %s', (variable, terminal, mode) => {
    const { stream } = fakeOutput({ isTTY: terminal });
    expect(resolveProgress({ stream, env: { CMB_PROGRESS: variable } }).mode).toBe(mode);
  });

  it('lets the caller decide whether the stream is a terminal', () => {
    const { stream } = fakeOutput({ isTTY: false });
    expect(resolveProgress({ stream, interactive: true, env: {} }).mode).toBe('bars');
  });

  it('refuses an unknown CMB_PROGRESS, naming the choices', () => {
    expect(() => readProgressMode({ CMB_PROGRESS: 'fancy' })).toThrowError('CMB_PROGRESS: expected one of bars, lines, off, events');
  });

  it('is silent when off, and writes lines when not on a terminal', () => {
    const out = fakeOutput();
    expect(createProgress({ stream: out.stream, env: { CMB_PROGRESS: 'off' } })).toBe(SILENT_PROGRESS);
    const sink = createProgress({ stream: out.stream, now: out.now, env: {} });
    sink.step('verify audit events', 10);
    out.tick(1_000);
    sink.advance(10);
    sink.end();
    expect(out.lines()).toEqual(['verify audit events 10/10 (100%) 10/s in 1.0 s']);
  });

  it('draws a bar with cli-progress on a terminal, and leaves each finished step as its final line', () => {
    const out = fakeOutput({ isTTY: true, columns: 100 });
    const sink = createProgress({ stream: out.stream, now: out.now, env: {} });
    sink.step('seed beneficiaries: person', 1_000);
    for (let i = 0; i < 5; i += 1) {
      out.tick(200);
      sink.advance(100);
    }
    const drawn = withoutEscapes(out.text());
    sink.step('seed beneficiaries: affiliation', null);
    out.tick(1_000);
    sink.advance(30);
    sink.end();
    expect(drawn).toContain('seed beneficiaries: person [');
    expect(drawn).toContain('] 50% 500/1000 500/s, 1.0 s left');
    const shown = withoutEscapes(out.text());
    expect(shown).toContain('seed beneficiaries: person 500/1000 (50%) 500/s in 1.0 s\n');
    expect(shown).toContain('seed beneficiaries: affiliation 30 30/s in 1.0 s\n');
  });

  it("draws parallel workers' events on one board, and gives workers nothing to do when off", () => {
    const out = fakeOutput();
    const board = createProgressBoard({ stream: out.stream, now: out.now, env: {} });
    expect(board.workerMode).toBe('events');
    expect(board.relay('providers', `${PROGRESS_EVENT_PREFIX}{"step":"seed providers: provider","total":4}`)).toBe(true);
    expect(board.relay('medicines', `${PROGRESS_EVENT_PREFIX}{"step":"seed medicines: gmr_version","total":3}`)).toBe(true);
    out.tick(500);
    board.relay('medicines', `${PROGRESS_EVENT_PREFIX}{"advance":3}`);
    board.relay('providers', `${PROGRESS_EVENT_PREFIX}{"advance":4}`);
    expect(board.relay('providers', 'providers: 4 rows in 0.5 s')).toBe(false);
    board.relay('medicines', `${PROGRESS_EVENT_PREFIX}{"end":true}`);
    board.end();
    expect(out.lines()).toEqual(['seed medicines: gmr_version 3/3 (100%) in 0.5 s', 'seed providers: provider 4/4 (100%) in 0.5 s']);
    expect(createProgressBoard({ stream: out.stream, env: { CMB_PROGRESS: 'off' } }).workerMode).toBe('off');
  });
});
