import type { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { CoverageIndicators, MAX_DAYS_WAITING } from '../services/coverage-indicators';
import type { IndicatorCounter } from '../services/indicator-counter';

/** A PostgreSQL data source whose statements wait until released, counting those running at once. */
function heldDataSource() {
  const held: { day: unknown; settle: (error?: Error) => void }[] = [];
  const state = { running: 0, most: 0, statements: 0 };
  const dataSource = {
    options: { type: 'postgres' },
    query: (_sql: string, parameters: unknown[]) => {
      state.running += 1;
      state.statements += 1;
      state.most = Math.max(state.most, state.running);
      return new Promise((resolve, reject) =>
        held.push({
          day: parameters[0],
          settle: (error) => {
            state.running -= 1;
            if (error) reject(error);
            else resolve([]);
          },
        }),
      );
    },
  } as unknown as DataSource;
  return { dataSource, held, state };
}

const counter = { counts: async () => [] } as unknown as IndicatorCounter;
const turn = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Lets every held statement end, in turn, until none is left. */
async function releaseAll(held: { settle: (error?: Error) => void }[]): Promise<void> {
  for (let rounds = 0; rounds < 100; rounds += 1) {
    await turn();
    const next = held.shift();
    if (next) next.settle();
    else if (rounds > 5) return;
  }
}

describe('coverage counts of open rights', () => {
  it('counts one day at a time, whatever the days readers ask, so they hold at most one connection of the pool', async () => {
    const { dataSource, held, state } = heldDataSource();
    const indicators = new CoverageIndicators(dataSource, counter);
    const days = Array.from({ length: MAX_DAYS_WAITING + 1 }, (_, i) => `2026-01-0${i + 1}`);
    const asked = days.map((day) => indicators.coverage(day, 10, 'fr'));
    await turn();
    expect(state.running).toBe(1);
    await releaseAll(held);
    await Promise.all(asked);
    expect(state.most).toBe(1);
    // Two statements a day (insured persons, dependants), each day counted once.
    expect(state.statements).toBe(2 * days.length);
  });

  it('refuses a day asked while others wait their turn (STATISTICS_BUSY, a retry delay), and takes it once they are counted', async () => {
    const { dataSource, held } = heldDataSource();
    const indicators = new CoverageIndicators(dataSource, counter);
    const days = Array.from({ length: MAX_DAYS_WAITING + 1 }, (_, i) => `2026-02-0${i + 1}`);
    const asked = days.map((day) => indicators.coverage(day, 10, 'fr'));
    await expect(indicators.coverage('2026-02-20', 10, 'fr')).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED', reason: 'STATISTICS_BUSY', params: { seconds: 5 } },
    });
    // A day already waiting is shared, not refused.
    const again = indicators.coverage(days[MAX_DAYS_WAITING] ?? '', 10, 'fr');
    await releaseAll(held);
    await Promise.all([...asked, again]);
    const later = indicators.coverage('2026-02-20', 10, 'fr');
    await releaseAll(held);
    await expect(later).resolves.toHaveLength(3);
  });

  it('lets the next day be counted when a count fails', async () => {
    const { dataSource, held } = heldDataSource();
    const indicators = new CoverageIndicators(dataSource, counter);
    const failing = indicators.coverage('2026-03-01', 10, 'fr');
    const next = indicators.coverage('2026-03-02', 10, 'fr');
    await turn();
    held.shift()?.settle(new Error('canceling statement due to statement timeout'));
    await expect(failing).rejects.toThrow('statement timeout');
    await releaseAll(held);
    await expect(next).resolves.toHaveLength(3);
  });
});
