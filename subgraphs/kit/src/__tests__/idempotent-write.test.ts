import { describe, expect, it } from 'vitest';
import { checkBatchLength, checkIdempotencyKey, contentHash, writeOnce, type StoredWrite } from '../writes/idempotent-write';
import { RowRefusal, rowRefusalOf } from '../writes/row-refusal';

/** A key store in memory: what `run` keeps, `find` returns. */
function store() {
  let kept: StoredWrite | null = null;
  return {
    find: async () => kept,
    keep: (hash: string, result: unknown) => {
      kept = { contentHash: hash, resultJson: JSON.stringify(result) };
    },
  };
}

describe('writes applied once per idempotency key', () => {
  it('applies a first write, answers a retry with its first result, and refuses the key with other content', async () => {
    const keys = store();
    let runs = 0;
    const hash = contentHash({ rows: [1, new Date('2026-12-03T10:00:00Z')] });
    const run = async () => {
      runs += 1;
      keys.keep(hash, { applied: runs });
      return { applied: runs };
    };
    expect(await writeOnce({ find: keys.find, hash, run })).toEqual({ result: { applied: 1 }, replayed: false });
    expect(await writeOnce({ find: keys.find, hash, run })).toEqual({ result: { applied: 1 }, replayed: true });
    expect(runs).toBe(1);
    await expect(writeOnce({ find: keys.find, hash: contentHash({ rows: [2] }), run })).rejects.toMatchObject({
      extensions: { reason: 'IDEMPOTENCY_KEY_REUSED' },
    });
    await expect(writeOnce({ find: keys.find, hash: 'other', run, reused: 'IDEMPOTENCY_KEY_OTHER_CONTENT' })).rejects.toMatchObject({
      extensions: { code: 'IDEMPOTENCY_CONFLICT', reason: 'IDEMPOTENCY_KEY_OTHER_CONTENT' },
    });
  });

  it('answers the loser of a race with the winner’s result, and lets a failure through when nobody won', async () => {
    const keys = store();
    const hash = contentHash({ a: 1 });
    const lost = async () => {
      keys.keep(hash, { applied: 'winner' });
      throw new Error('duplicate key');
    };
    expect(await writeOnce({ find: keys.find, hash, run: lost })).toEqual({ result: { applied: 'winner' }, replayed: true });
    await expect(writeOnce({ find: store().find, hash, run: () => Promise.reject(new Error('disk full')) })).rejects.toThrow('disk full');
  });

  it('hashes the same content alike, and any change apart', () => {
    const content = { rows: [{ validFrom: new Date('2026-12-03T00:00:00Z'), code: 'DIABETE_T2' }] };
    expect(contentHash(content)).toBe(contentHash({ rows: [{ validFrom: new Date('2026-12-03T00:00:00Z'), code: 'DIABETE_T2' }] }));
    expect(contentHash(content)).not.toBe(contentHash({ rows: [{ validFrom: new Date('2026-12-04T00:00:00Z'), code: 'DIABETE_T2' }] }));
  });

  it.each([
    ['a short key', 'k1', true],
    ['a key with a space', 'batch 0001', true],
    ['a well-formed key', 'cnss-2026-12-03:0001', false],
  ])('checks the key: %s', (_name, key, refused) => {
    if (refused) expect(() => checkIdempotencyKey(key)).toThrow();
    else expect(() => checkIdempotencyKey(key)).not.toThrow();
  });

  it.each([
    [0, 'BATCH_EMPTY'],
    [501, 'BATCH_TOO_LARGE'],
    [500, null],
  ])('bounds a batch of %i rows', (length, reason) => {
    if (reason)
      expect(() => checkBatchLength(length, 500)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ reason }) }));
    else expect(() => checkBatchLength(length, 500)).not.toThrow();
  });

  it('renders a refused row in the language asked, with its stable code', () => {
    const refusal = new RowRefusal('INVALID_VALUE', { field: 'validUntil', expected: 'a later date' });
    expect(rowRefusalOf(refusal.key, refusal.params, 'en')).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Invalid value for validUntil: a later date.',
    });
  });
});
