import { describe, expect, it } from 'vitest';
import { decodeVersionCursor, encodeVersionCursor, parseVersionCursor } from './version-cursor';

describe('version cursors', () => {
  it.each([
    { publishedOn: '2026-03-06', id: 'INPE-2026-03-06' },
    { publishedOn: '2026-03-06', id: 'INPE-2026-03-06-2' },
  ])('round-trips $id', (key) => {
    const cursor = encodeVersionCursor(key);
    expect(cursor).not.toContain(key.id);
    expect(decodeVersionCursor(cursor)).toEqual(key);
  });

  it.each([
    { why: 'empty', cursor: '' },
    { why: 'not base64url of a cursor', cursor: 'not-a-cursor' },
    { why: 'another tag', cursor: Buffer.from('p1:ZZP00001').toString('base64url') },
    { why: 'an impossible date', cursor: Buffer.from('v1:2026-02-30|INPE-1').toString('base64url') },
    { why: 'an id with a quote', cursor: Buffer.from("v1:2026-03-06|INPE'1").toString('base64url') },
    { why: 'too long', cursor: 'A'.repeat(200) },
  ])('refuses $why', ({ cursor }) => {
    expect(decodeVersionCursor(cursor)).toBeNull();
    expect(() => parseVersionCursor(cursor)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });

  it('reads no cursor as the first page', () => {
    expect(parseVersionCursor(undefined)).toBeNull();
  });
});
