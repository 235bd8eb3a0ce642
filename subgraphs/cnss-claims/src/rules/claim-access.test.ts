import { describe, expect, it } from 'vitest';
import { mayReadFiles, mayReadMemberFiles } from './claim-access';

const cnss = { org: 'CNSS', orgKind: 'OG' };

describe("who reads the OG's claim files", () => {
  it.each([
    ['the OG itself', cnss, true],
    ['another OG', { org: 'CNOPS', orgKind: 'OG' }, false],
    ['ANAM', { org: 'ANAM', orgKind: 'REGULATOR' }, false],
    ['an establishment', { org: 'ZZP00004', orgKind: 'ESTABLISHMENT' }, false],
    ['the patient portal', { org: 'PATIENT_PORTAL', orgKind: 'PATIENT_PORTAL' }, false],
    ['a client claiming the organisation without being an OG', { org: 'CNSS', orgKind: 'REGULATOR' }, false],
  ])('%s: %s', (_case, caller, allowed) => {
    expect(mayReadFiles(caller, 'CNSS')).toBe(allowed);
  });

  it.each([
    ['its member, as the gateway read it from the registry', cnss, { r1: ['CNSS'] }, true],
    ['a person the registry did not serve in this request', cnss, {}, false],
    ['no map at all', cnss, undefined, false],
    ['a person covered by another OG', cnss, { r1: ['CNOPS'] }, false],
    ['another OG, even for a CNSS member', { org: 'CNOPS', orgKind: 'OG' }, { r1: ['CNSS'] }, false],
  ])('a person reached through the federation: %s', (_case, caller, personOrganisms, allowed) => {
    expect(mayReadMemberFiles({ ...caller, personOrganisms }, 'r1', 'CNSS')).toBe(allowed);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'refuses a ref named like an object property (%s), without throwing',
    (ref) => {
      expect(mayReadMemberFiles({ ...cnss, personOrganisms: { r1: ['CNSS'] } }, ref, 'CNSS')).toBe(false);
    },
  );
});
