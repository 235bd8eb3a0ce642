import { describe, expect, it } from 'vitest';
import { createEventProgress, parseProgressEvent, PROGRESS_EVENT_PREFIX, relayProgressEvent } from '../progress/progress-events';
import { recordingProgress } from '../../../../test/support/recording-progress';
import { fakeOutput } from './support/fake-stream';

describe('progress events (a child tells its parent)', () => {
  it('tells steps and ends at once, and advances summed at most once per interval', () => {
    const out = fakeOutput();
    const sink = createEventProgress({ stream: out.stream, now: out.now, intervalMs: 200 });
    sink.step('seed providers: provider', 2_000);
    for (let i = 0; i < 10; i += 1) {
      out.tick(50);
      sink.advance(100);
    }
    sink.end();
    expect(out.lines()).toEqual([
      `${PROGRESS_EVENT_PREFIX}{"step":"seed providers: provider","total":2000}`,
      `${PROGRESS_EVENT_PREFIX}{"advance":400}`,
      `${PROGRESS_EVENT_PREFIX}{"advance":400}`,
      `${PROGRESS_EVENT_PREFIX}{"advance":200}`,
      `${PROGRESS_EVENT_PREFIX}{"end":true}`,
    ]);
  });

  it("replays a child's events on the parent's sink, and leaves its other lines alone", () => {
    const out = fakeOutput();
    const child = createEventProgress({ stream: out.stream, now: out.now });
    child.step('seed medicines: gmr_medicine', null);
    child.advance(7);
    child.end();
    const parent = recordingProgress();
    const relayed = [...out.lines(), 'medicines seed failed: disk full'].map((line) => relayProgressEvent(line, parent));
    expect(relayed).toEqual([true, true, true, false]);
    expect(parent.steps).toEqual([{ label: 'seed medicines: gmr_medicine', total: null, done: 7 }]);
    expect(parent.ends).toBe(1);
  });

  it.each([
    'seed medicines: 10 rows',
    `${PROGRESS_EVENT_PREFIX}not json`,
    `${PROGRESS_EVENT_PREFIX}[1,2]`,
    `${PROGRESS_EVENT_PREFIX}{"advance":-3}`,
    `${PROGRESS_EVENT_PREFIX}{"advance":"9"}`,
    `${PROGRESS_EVENT_PREFIX}{"step":"x","total":"all"}`,
    `${PROGRESS_EVENT_PREFIX}{"step":42,"total":1}`,
    `${PROGRESS_EVENT_PREFIX}{"end":"yes"}`,
  ])('takes %s for no event', (line) => {
    expect(parseProgressEvent(line)).toBeNull();
  });

  it('makes a label from a child printable before it reaches a terminal', () => {
    expect(parseProgressEvent(`${PROGRESS_EVENT_PREFIX}{"step":"seed\\u001b[2J x","total":1}`)).toEqual({ step: 'seed [2J x', total: 1 });
  });
});
