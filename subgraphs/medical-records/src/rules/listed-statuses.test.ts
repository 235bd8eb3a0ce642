import { describe, expect, it } from 'vitest';
import type { DocumentStatusCode } from './facts';
import { listedStatuses, type ListingFilter } from './listed-statuses';

describe('listedStatuses', () => {
  it.each<[string, ListingFilter, DocumentStatusCode[]]>([
    ['nothing asked: current only', {}, ['CURRENT']],
    ['null status: current only', { status: null, includeSuperseded: null }, ['CURRENT']],
    ['an empty list: the default', { status: [] }, ['CURRENT']],
    ['includeSuperseded', { includeSuperseded: true }, ['CURRENT', 'SUPERSEDED']],
    ['includeSuperseded false', { includeSuperseded: false }, ['CURRENT']],
    ['withdrawn asked by name', { status: ['WITHDRAWN'] }, ['WITHDRAWN']],
    ['an explicit list wins over the flag', { status: ['SUPERSEDED'], includeSuperseded: false }, ['SUPERSEDED']],
    ['an explicit list is not widened by the flag', { status: ['WITHDRAWN'], includeSuperseded: true }, ['WITHDRAWN']],
    ['duplicates and order are normalised', { status: ['WITHDRAWN', 'CURRENT', 'WITHDRAWN'] }, ['CURRENT', 'WITHDRAWN']],
    ['every status', { status: ['SUPERSEDED', 'WITHDRAWN', 'CURRENT'] }, ['CURRENT', 'SUPERSEDED', 'WITHDRAWN']],
  ])('%s', (_case, filter, expected) => {
    expect(listedStatuses(filter)).toEqual(expected);
  });
});
