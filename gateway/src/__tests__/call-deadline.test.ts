import { describe, expect, it } from 'vitest';
import { withDeadline } from '../subgraph-client/call-deadline';

describe('a subgraph call under a deadline', () => {
  it('aborts a call that outlives its timeout, with a TimeoutError', async () => {
    let reason: unknown;
    await expect(
      withDeadline(
        20,
        (signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject((reason = signal.reason)))),
      ),
    ).rejects.toBeDefined();
    expect(reason).toMatchObject({ name: 'TimeoutError' });
  });

  it('leaves a call that settled in time alone: its signal never fires afterwards', async () => {
    let seen: AbortSignal | undefined;
    expect(await withDeadline(20, async (signal) => ((seen = signal), 'answered'))).toBe('answered');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen?.aborted).toBe(false);
  });
});
