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

  it('round-trips a position registered to the microsecond (as PostgreSQL keeps it)', () => {
    const precise = { ...CURSOR, registeredAt: '2025-11-03T10:15:00.123456Z' };
    expect(decodeCursor(encodeCursor(precise))).toEqual(precise);
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
    // A day or time that does not exist would fail in the database's date column (an internal error, not INVALID_VALUE).
    ['30 February', encode(['2026-02-30', CURSOR.registeredAt, CURSOR.id])],
    ['month 13', encode(['2026-13-01', CURSOR.registeredAt, CURSOR.id])],
    ['a time made of colons', encode([CURSOR.serviceDate, '2025-11-03T::::::::Z', CURSOR.id])],
    ['hour 25', encode([CURSOR.serviceDate, '2025-11-03T25:15:00.000Z', CURSOR.id])],
  ])('refuses %s', (_case, raw) => {
    expect(decodeCursor(raw)).toBeNull();
  });
});
