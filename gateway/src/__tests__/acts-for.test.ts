import type { Caller } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../context/gateway-context';
import { resolveActsFor } from '../pipeline/graphql/resolve-acts-for';
import type { RegistryAttachments } from '../providers/attachment-lookup';
import { callerAsSignedFor } from '../../../test/support/signed-caller';

/**
 * The gateway reads from the INPE registry whom a writing establishment or
 * professional acts for (caller.actsFor), before any subgraph is called, so
 * medical-records can hold a write to what the writer keeps without reading
 * the providers' tables.
 */
/** What medical-records reads of the caller, as the data source signs it at a call (for that subgraph and body). */
function actsForSignedFrom(contextValue: GatewayContext): unknown {
  const signed = callerAsSignedFor(contextValue.caller, 'medical-records');
  return 'refused' in signed ? signed.refused : signed.actsFor;
}

/** The registry as the attachments client reads it: ZZP00010 has two professionals; ZZP00001 is attached to it. */
function registry(failing = false): RegistryAttachments & { calls: string[] } {
  const calls: string[] = [];
  const attached = async (establishment: string) => {
    calls.push(`attachedProfessionals ${establishment}`);
    if (failing) throw new Error('providers down');
    return new Set(establishment === 'ZZP00010' ? ['ZZP00001', 'ZZP99999'] : []);
  };
  return Object.assign(attached, {
    calls,
    establishmentsOf: async (professional: string) => {
      calls.push(`attachedTo ${professional}`);
      if (failing) throw new Error('providers down');
      return new Set(professional === 'ZZP00001' ? ['ZZP00010'] : []);
    },
  });
}

function context(caller: Partial<Caller>): GatewayContext {
  const full: Caller = {
    clientId: 'c',
    org: null,
    orgKind: null,
    purposes: ['records:write'],
    tokenId: null,
    userId: null,
    requestId: 'r',
    ...caller,
  };
  const value: GatewayContext = {
    requestId: 'r',
    language: 'fr',
    caller: full,
    subgraphsCalled: new Set(),
    servedPersons: new Map(),
    auditIntentId: null,
    variables: {},
    startedAt: 0n,
  };
  return value;
}

async function run(kind: 'mutation' | 'query', caller: Partial<Caller>, lookup = registry()) {
  const contextValue = context(caller);
  await resolveActsFor(lookup).didResolveOperation?.({ operation: { operation: kind }, contextValue } as never);
  return { contextValue, lookup };
}

describe('resolveActsFor', () => {
  it('gives a writing establishment its attached professionals, and signs them for the subgraphs', async () => {
    const { contextValue } = await run('mutation', { org: 'ZZP00010', orgKind: 'ESTABLISHMENT' });
    expect(contextValue.caller.actsFor).toEqual(['ZZP00001', 'ZZP99999']);
    expect(actsForSignedFrom(contextValue)).toEqual(['ZZP00001', 'ZZP99999']);
  });

  it('completes the caller that the signature reads, even on the copy of the context Apollo hands the steps', async () => {
    const original = context({ org: 'ZZP00010', orgKind: 'ESTABLISHMENT' });
    const copy = { ...original };
    await resolveActsFor(registry()).didResolveOperation?.({ operation: { operation: 'mutation' }, contextValue: copy } as never);
    expect(actsForSignedFrom(original)).toEqual(['ZZP00001', 'ZZP99999']);
    expect(actsForSignedFrom(copy)).toEqual(['ZZP00001', 'ZZP99999']);
  });

  it('gives a writing professional the establishments it is attached to', async () => {
    const { contextValue } = await run('mutation', { org: 'ZZP00001', orgKind: 'PROFESSIONAL' });
    expect(contextValue.caller.actsFor).toEqual(['ZZP00010']);
  });

  it('gives an establishment without attachments an empty list, not its absence', async () => {
    const { contextValue } = await run('mutation', { org: 'ZZP00004', orgKind: 'ESTABLISHMENT' });
    expect(contextValue.caller.actsFor).toEqual([]);
  });

  it.each<[string, 'mutation' | 'query', Partial<Caller>]>([
    ['a query (reads are bound elsewhere)', 'query', { org: 'ZZP00010', orgKind: 'ESTABLISHMENT' }],
    ['an OG', 'mutation', { org: 'CNSS', orgKind: 'OG' }],
    ['the patient portal', 'mutation', { org: 'PATIENT_PORTAL', orgKind: 'PATIENT_PORTAL' }],
    ['an establishment token without org', 'mutation', { org: null, orgKind: 'ESTABLISHMENT' }],
  ])('reads nothing and adds nothing for %s', async (_case, kind, caller) => {
    const { contextValue, lookup } = await run(kind, caller);
    expect(contextValue.caller.actsFor).toBeUndefined();
    expect(lookup.calls).toEqual([]);
  });

  it('never lets a token say whom it acts for: what the registry says replaces it', async () => {
    const { contextValue } = await run('mutation', { org: 'ZZP00004', orgKind: 'ESTABLISHMENT', actsFor: ['ZZP00003'] });
    expect(contextValue.caller.actsFor).toEqual([]);
  });

  it('stops the write with SUBGRAPH_UNAVAILABLE when the registry cannot be read (nothing is guessed)', async () => {
    await expect(run('mutation', { org: 'ZZP00010', orgKind: 'ESTABLISHMENT' }, registry(true))).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
    });
  });
});
