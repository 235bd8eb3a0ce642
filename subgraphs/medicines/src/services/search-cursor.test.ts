import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './search-cursor';

describe('search cursors', () => {
  it.each([
    [{ brandKey: 'glucoril', ean13: '6119999000015' }],
    [{ brandKey: 'metformine fictilab', ean13: '6119999000022' }],
    [{ brandKey: '', ean13: '0000000000000' }],
    [{ brandKey: 'amoxicilline acide clavulanique exemplab', ean13: '6119999012346' }],
  ])('round-trips %j', (position) => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(position.ean13);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it.each([
    ['', 'empty'],
    ['not a cursor!', 'characters outside base64url'],
    [Buffer.from('m2|glucoril|6119999000015').toString('base64url'), 'unknown version'],
    [Buffer.from('m1|Glucoril|6119999000015').toString('base64url'), 'key not normalised'],
    [Buffer.from('m1|glucoril|611999900001').toString('base64url'), 'code of 12 digits'],
    [Buffer.from('m1|glucoril').toString('base64url'), 'missing code'],
    [Buffer.from("m1|x' OR 1=1 --|6119999000015").toString('base64url'), 'injection attempt'],
    ['A'.repeat(401), 'too long'],
  ])('rejects %j (%s)', (cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});
