import { describe, expect, it } from 'vitest';
import { registryRules } from '../config';
import { mayChange, mayPublish, mayReadDetails } from './ownership';

const rules = registryRules({ allowedRoutingHosts: ['127.0.0.1'] });
const CNSS = { org: 'CNSS', orgKind: 'OG' };
const CNOPS = { org: 'CNOPS', orgKind: 'OG' };
const ANAM = { org: 'ANAM', orgKind: 'REGULATOR' };
const CLINIC = { org: 'ZZP00010', orgKind: 'ESTABLISHMENT' };
const CNDP = { org: 'CNDP', orgKind: 'DPA' };

describe('who may publish a subgraph', () => {
  it.each([
    ['an OG, a new name under its own prefix', CNSS, 'cnss-claims', null, { allowed: true, owner: 'CNSS' }],
    ['an OG, its own subgraph', CNSS, 'cnss-claims', { owner: 'CNSS' }, { allowed: true, owner: 'CNSS' }],
    ['ANAM, a national subgraph', ANAM, 'providers', { owner: 'ANAM' }, { allowed: true, owner: 'ANAM' }],
    ['ANAM, a new national name', ANAM, 'nomenclatures', null, { allowed: true, owner: 'ANAM' }],
    ['an OG, a national subgraph', CNSS, 'beneficiaries', { owner: 'ANAM' }, { allowed: false, refusal: 'REGISTRY_NOT_OWNER' }],
    ["an OG, another OG's subgraph", CNOPS, 'cnss-claims', { owner: 'CNSS' }, { allowed: false, refusal: 'REGISTRY_NOT_OWNER' }],
    ["an OG, a new name under another's prefix", CNOPS, 'cnss-approvals', null, { allowed: false, refusal: 'REGISTRY_NAME_NOT_YOURS' }],
    ['an OG, a new name without its prefix', CNSS, 'claims', null, { allowed: false, refusal: 'REGISTRY_NAME_NOT_YOURS' }],
    ['ANAM, another OG’s subgraph', ANAM, 'cnss-claims', { owner: 'CNSS' }, { allowed: false, refusal: 'REGISTRY_NOT_OWNER' }],
    ['anyone, the registry itself', ANAM, 'registry', { owner: 'ANAM' }, { allowed: false, refusal: 'REGISTRY_SELF_MANAGED' }],
    ['an establishment', CLINIC, 'zzp00010-x', null, { allowed: false, refusal: 'REGISTRY_PUBLISHERS_ONLY' }],
    ['the CNDP', CNDP, 'cndp-x', null, { allowed: false, refusal: 'REGISTRY_PUBLISHERS_ONLY' }],
    [
      'a caller without an organisation',
      { org: null, orgKind: 'OG' },
      'x-claims',
      null,
      { allowed: false, refusal: 'REGISTRY_PUBLISHERS_ONLY' },
    ],
  ])('%s', (_case, actor, name, existing, expected) => {
    expect(mayPublish(actor, name, existing, rules)).toMatchObject(expected);
  });
});

describe('who may roll back, retire and read the details of a subgraph', () => {
  it.each([
    ['its owner', CNSS, { owner: 'CNSS' }, true],
    ['another OG', CNOPS, { owner: 'CNSS' }, false],
    ['ANAM on an OG’s subgraph', ANAM, { owner: 'CNSS' }, false],
    ['ANAM on a national subgraph', ANAM, { owner: 'ANAM' }, true],
  ])('changes: %s', (_case, actor, existing, allowed) => {
    expect(mayChange(actor, 'cnss-claims', existing, rules).allowed).toBe(allowed);
  });

  it.each([
    ['its owner', CNSS, { owner: 'CNSS' }, true],
    ['another OG', CNOPS, { owner: 'CNSS' }, false],
    ['ANAM, which supervises the federation', ANAM, { owner: 'CNSS' }, true],
    ['an establishment', CLINIC, { owner: 'CNSS' }, false],
  ])('reads the details: %s', (_case, actor, existing, allowed) => {
    expect(mayReadDetails(actor, existing, rules)).toBe(allowed);
  });
});
