import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type PageCursor } from './page-cursor';

const CURSOR: PageCursor = {
  serviceDate: '2025-11-03',
  registeredAt: '2025-11-03T10:15:00.000Z',
  id: '9b2e7d10-3c4f-4a8b-8e1d-6f0a2b3c4d5e',
};
const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('page cursor', () => {
  it('round-trips a position', () => {
    expect(decodeCursor(encodeCursor(CURSOR))).toEqual(CURSOR);
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['an empty string', ''],
    ['an object', encode({ id: CURSOR.id })],
    ['too few parts', encode([CURSOR.serviceDate, CURSOR.id])],
    ['a malformed date', encode(['03/11/2025', CURSOR.registeredAt, CURSOR.id])],
    ['a malformed timestamp', encode([CURSOR.serviceDate, 'yesterday', CURSOR.id])],
    ['an id that is no UUID', encode([CURSOR.serviceDate, CURSOR.registeredAt, "x' OR 1=1"])],
    ['numbers', encode([1, 2, 3])],
  ])('refuses %s', (_case, raw) => {
    expect(decodeCursor(raw)).toBeNull();
  });
});
