import { loadRealm } from '@cmb/auth';
import { describe, expect, it } from 'vitest';
import { grantedPurposes } from './granted-purposes';

const clients = [...loadRealm().clients.values()];

describe('the purposes the realm grants an organisation', () => {
  it.each([
    [
      'CNSS',
      ['beneficiary:read', 'beneficiary:write', 'medicine:read', 'pathway:read', 'pathway:write', 'provider:read', 'registry:publish'],
    ],
    ['ANAM', ['beneficiary:read', 'medicine:read', 'provider:read', 'reference:import', 'registry:publish']],
    ['CNDP', ['audit:read', 'statistics:read']],
    ['MSPS', ['statistics:read']],
    ['UNKNOWN', []],
  ])('%s', (org, expected) => {
    expect([...grantedPurposes(clients, org)].sort()).toEqual(expected);
  });
});
