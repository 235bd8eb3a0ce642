import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keptRequestId } from '../pipeline/http/assign-request-id';

describe("the client's request id, kept only when it names no one", () => {
  it.each([
    'desk-42-request-0001',
    'req-20261203-000123',
    'hospital.visit.123456',
    'trace_4bf92f3577b34da6a3ce929d0e0e4736',
    '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    'V1StGXR8_Z5jdHi6B-myT',
    'order-X1-20260302',
  ])('keeps %s', (id) => expect(keptRequestId(id)).toBe(id));

  it.each([
    ['a national id as a piece', 'desk-42-ZZ000001'],
    ['a national id in lower case (it was kept, in clear in the logs)', 'visit-jk123456-01'],
    ['a national id inside a piece (it was kept, and the trail stored another id)', 'bgAB123456'],
    ['one in lower case inside a piece', 'cinjk123456'],
    ['a UUID whose upper-case group is a national id', 'AB123456-0000-4000-8000-000000000000'],
    ['spaces', 'bad id with spaces'],
  ])('replaces one with %s', (_case, id) => expect(keptRequestId(id)).toBeNull());

  it('keeps every lower-case UUID, alone or after a prefix, and an upper-case one in lower case, as the trail keeps it', () => {
    for (let i = 0; i < 2_000; i += 1) {
      const id = randomUUID();
      expect(keptRequestId(id)).toBe(id);
      expect(keptRequestId(`audit-${id}`)).toBe(`audit-${id}`);
    }
    expect(keptRequestId('6F9619FF-8B86-D011-B42D-00C04FC964FF')).toBe('6f9619ff-8b86-d011-b42d-00c04fc964ff');
  });
});
