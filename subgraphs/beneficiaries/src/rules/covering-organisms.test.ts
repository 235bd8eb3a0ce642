import { describe, expect, it } from 'vitest';
import { coveringOrganisms } from './covering-organisms';

describe('the organisms covering a person', () => {
  it.each([
    ['an active affiliation', [{ organism: 'CNSS', status: 'ACTIVE', validFrom: '2010-01-01', validUntil: null }], ['CNSS']],
    [
      'a suspended one: still a member',
      [{ organism: 'CNSS', status: 'SUSPENDED', validFrom: '2010-01-01', validUntil: '2026-12-31' }],
      ['CNSS'],
    ],
    ['a closed one: no longer', [{ organism: 'CNSS', status: 'CLOSED', validFrom: '2010-01-01', validUntil: null }], []],
    ['one ended before today', [{ organism: 'CNOPS', status: 'ACTIVE', validFrom: '2010-01-01', validUntil: '2026-03-01' }], []],
    ['one starting after today: not yet', [{ organism: 'CNSS', status: 'ACTIVE', validFrom: '2026-03-03', validUntil: null }], []],
    ['one starting today', [{ organism: 'CNSS', status: 'ACTIVE', validFrom: '2026-03-02', validUntil: null }], ['CNSS']],
    ['one ending today', [{ organism: 'CNOPS', status: 'ACTIVE', validFrom: '2010-01-01', validUntil: '2026-03-02' }], ['CNOPS']],
    [
      'two organisms and two regimes of one, each once and sorted',
      [
        { organism: 'CNSS', status: 'ACTIVE', validFrom: '2010-01-01', validUntil: null },
        { organism: 'CNOPS', status: 'ACTIVE', validFrom: '2010-01-01', validUntil: null },
        { organism: 'CNSS', status: 'ACTIVE', validFrom: '2010-01-01', validUntil: null },
      ],
      ['CNOPS', 'CNSS'],
    ],
    ['no affiliation', [], []],
  ])('%s', (_case, affiliations, expected) => {
    expect(coveringOrganisms(affiliations, '2026-03-02')).toEqual(expected);
  });
});
