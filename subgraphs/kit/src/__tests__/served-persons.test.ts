import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  DESCRIBE_PERSONS_EXTENSION,
  notePersons,
  reportServedPersons,
  SERVED_PERSONS_EXTENSION,
  servedPersonsOf,
} from '../persons/served-persons';

const logger = pino({ level: 'silent' });

/** Runs the plugin's hooks on a request and its response, as Apollo does. */
async function report(plugin: ReturnType<typeof reportServedPersons>, contextValue: object, extensions?: Record<string, unknown>) {
  const response = { body: { kind: 'single', singleResult: { data: {}, extensions: { other: 1 } as Record<string, unknown> } } };
  const listener = await plugin.requestDidStart?.({ contextValue, request: { extensions } } as never);
  await (listener as { willSendResponse: (r: unknown) => Promise<void> }).willSendResponse({ contextValue, response });
  return response.body.singleResult.extensions;
}

describe('the persons a subgraph served, reported to the gateway', () => {
  it('are noted on the request context by ref, what is known of each merged', () => {
    const context = {};
    notePersons(context, ['r1', null, undefined, { ref: 'r2', nationalId: 'ZZ000002' }]);
    notePersons(context, [
      { ref: 'r1', organisms: ['CNSS'] },
      { ref: 'r1', organisms: ['CNOPS', 'CNSS'] },
    ]);
    expect(servedPersonsOf(context)).toEqual([
      { ref: 'r1', organisms: ['CNOPS', 'CNSS'] },
      { ref: 'r2', nationalId: 'ZZ000002' },
    ]);
    expect(servedPersonsOf({})).toEqual([]);
  });

  it('are written to the response extensions, completed by the registry where incomplete', async () => {
    const context = {};
    notePersons(context, ['r1', { ref: 'r2', nationalId: 'ZZ000002', organisms: [] }]);
    const asked: string[][] = [];
    const describe = async (refs: readonly string[]) => {
      asked.push([...refs]);
      return new Map([['r1', { nationalId: 'ZZ000001', organisms: ['CNSS'] }]]);
    };
    const extensions = await report(reportServedPersons(describe, logger), context);
    expect(asked).toEqual([['r1']]);
    expect(extensions).toEqual({
      other: 1,
      [SERVED_PERSONS_EXTENSION]: [
        { ref: 'r1', nationalId: 'ZZ000001', organisms: ['CNSS'] },
        { ref: 'r2', nationalId: 'ZZ000002', organisms: [] },
      ],
    });
  });

  it('are reported by ref alone when the registry does not answer, and not at all when none was noted', async () => {
    const context = {};
    notePersons(context, ['r1']);
    const failing = async () => {
      throw new Error('down');
    };
    expect((await report(reportServedPersons(failing, logger), context))?.[SERVED_PERSONS_EXTENSION]).toEqual([{ ref: 'r1' }]);
    expect(await report(reportServedPersons(undefined, logger), {})).toEqual({ other: 1 });
  });

  it('are described on request to the gateway itself only, from a subgraph that can describe them', async () => {
    const describe = async (refs: readonly string[]) => new Map(refs.map((ref) => [ref, { nationalId: `id-${ref}`, organisms: [] }]));
    const ask = { [DESCRIBE_PERSONS_EXTENSION]: ['r1', 7] };
    const gateway = { caller: { orgKind: 'GATEWAY' } };
    expect((await report(reportServedPersons(describe, logger), gateway, ask))?.[SERVED_PERSONS_EXTENSION]).toEqual([
      { ref: 'r1', nationalId: 'id-r1', organisms: [] },
    ]);
    expect(await report(reportServedPersons(describe, logger), { caller: { orgKind: 'ESTABLISHMENT' } }, ask)).toEqual({ other: 1 });
    expect(await report(reportServedPersons(undefined, logger), { caller: { orgKind: 'GATEWAY' } }, ask)).toEqual({ other: 1 });
  });
});
