import { describe, expect, it } from 'vitest';
import type { DocumentStatusCode } from './facts';
import { nextStatus, supersessionRefusal, type StatusEvent } from './status-transition';

describe('nextStatus', () => {
  it.each<[DocumentStatusCode, StatusEvent, DocumentStatusCode | null]>([
    ['CURRENT', 'SUPERSEDE', 'SUPERSEDED'],
    ['CURRENT', 'WITHDRAW', 'WITHDRAWN'],
    ['SUPERSEDED', 'SUPERSEDE', null],
    ['SUPERSEDED', 'WITHDRAW', null],
    ['WITHDRAWN', 'SUPERSEDE', null],
    ['WITHDRAWN', 'WITHDRAW', null],
  ])('%s + %s → %s', (current, event, expected) => {
    expect(nextStatus(current, event)).toBe(expected);
  });
});

describe('supersessionRefusal', () => {
  const PERSON = 'p-1';
  it.each<[string, { personRef: string; status: DocumentStatusCode } | null, ReturnType<typeof supersessionRefusal>]>([
    ['a current pointer of the same person', { personRef: PERSON, status: 'CURRENT' }, null],
    ['an unknown pointer', null, 'UNKNOWN_DOCUMENT'],
    ["another person's pointer, even current", { personRef: 'p-2', status: 'CURRENT' }, 'UNKNOWN_DOCUMENT'],
    ['a superseded pointer (the chain must not fork)', { personRef: PERSON, status: 'SUPERSEDED' }, 'NOT_CURRENT'],
    ['a withdrawn pointer', { personRef: PERSON, status: 'WITHDRAWN' }, 'NOT_CURRENT'],
  ])('%s → %s', (_case, previous, expected) => {
    expect(supersessionRefusal(previous, PERSON)).toBe(expected);
  });
});
