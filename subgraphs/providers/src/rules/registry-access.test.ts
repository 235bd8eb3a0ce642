import { describe, expect, it } from 'vitest';
import { mayLoadRegistry, mayReadRegistryHistory } from './registry-access';

const OWNER = { org: 'ANAM', orgKind: 'REGULATOR' };

describe('who loads and reads the INPE registry versions (seeds/001_225b0d72771d4c3f.txt:L283, L891)', () => {
  it.each([
    {
      who: 'ANAM under reference:import',
      caller: { purposes: ['reference:import'], org: 'ANAM', orgKind: 'REGULATOR' },
      load: true,
      read: true,
    },
    {
      who: 'ANAM under provider:read',
      caller: { purposes: ['provider:read'], org: 'ANAM', orgKind: 'REGULATOR' },
      load: false,
      read: true,
    },
    {
      who: 'an OG under reference:import',
      caller: { purposes: ['reference:import'], org: 'CNSS', orgKind: 'OG' },
      load: false,
      read: false,
    },
    { who: 'an OG under provider:read', caller: { purposes: ['provider:read'], org: 'CNSS', orgKind: 'OG' }, load: false, read: true },
    { who: 'ANAM named by another kind', caller: { purposes: ['reference:import'], org: 'ANAM', orgKind: 'OG' }, load: false, read: false },
    { who: 'no organisation', caller: { purposes: ['reference:import'], org: null, orgKind: null }, load: false, read: false },
    {
      who: 'ANAM under another purpose',
      caller: { purposes: ['eligibility:check'], org: 'ANAM', orgKind: 'REGULATOR' },
      load: false,
      read: false,
    },
  ])('$who: load $load, read $read', ({ caller, load, read }) => {
    expect(mayLoadRegistry(caller, OWNER)).toBe(load);
    expect(mayReadRegistryHistory(caller, OWNER)).toBe(read);
  });
});
