import { createLogger } from '@cmb/kit';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../test/support/memory-logger';
import { createGatewayFormatError, publicCodeOf } from '../errors/format-gateway-error';
import { createGatewayMetrics } from '../metrics/gateway-metrics';
import { observeMetrics } from '../pipeline/graphql/observe-metrics';
import type { GraphQLStep } from '../pipeline/steps';

/** Codes a subgraph (an insurer's) may put in an error: any string, a national id or a spreadsheet formula included. */
const FOREIGN = ['CLAIM_NOT_FOUND_ZZ000001', '=HYPERLINK("https://example.invalid/")\n', `random-${Math.random()}`];

/** An answer of the `claims` root field carrying one error, as the metrics step reads it. */
function answerWith(error: GraphQLError): Parameters<NonNullable<GraphQLStep['willSendResponse']>>[0] {
  return {
    response: { body: { kind: 'single', singleResult: {} } },
    operation: { selectionSet: { selections: [{ kind: 'Field', name: { value: 'claims' } }] } },
    errors: [error],
    contextValue: { startedAt: process.hrtime.bigint() },
  } as unknown as Parameters<NonNullable<GraphQLStep['willSendResponse']>>[0];
}

describe('error codes from elsewhere than the catalogue', () => {
  it('passes on the catalogue and Apollo request codes only', () => {
    expect(publicCodeOf('FORBIDDEN')).toBe('FORBIDDEN');
    expect(publicCodeOf('GRAPHQL_VALIDATION_FAILED')).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const code of [...FOREIGN, 42, null, 'constructor']) expect(publicCodeOf(code)).toBeNull();
  });

  it.each(FOREIGN)('a client gets INTERNAL_SERVER_ERROR for %j, never the string (it was passed on as a "known" code)', (code) => {
    const format = createGatewayFormatError(createLogger('gateway', 'silent'), true);
    const formatted: GraphQLFormattedError = {
      message: 'from a subgraph',
      path: ['claims'],
      extensions: { code, serviceName: 'cnss-claims' },
    };
    expect(format(formatted, new GraphQLError('from a subgraph')).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('keeps a catalogue reason and drops a made-up one', () => {
    const format = createGatewayFormatError(createLogger('gateway', 'silent'), true);
    const withReason = (reason: string) =>
      format({ message: 'refused', extensions: { code: 'FORBIDDEN', reason } }, new GraphQLError('refused')).extensions;
    expect(withReason('CARE_RELATIONSHIP_REQUIRED')).toEqual({ code: 'FORBIDDEN', reason: 'CARE_RELATIONSHIP_REQUIRED' });
    expect(withReason('ZZ000001')).toEqual({ code: 'FORBIDDEN' });
  });

  it('labels the metrics with a bounded set of outcomes whatever a subgraph answered', async () => {
    const metrics = createGatewayMetrics();
    const step = observeMetrics(metrics);
    for (const code of FOREIGN) {
      await step.willSendResponse?.(answerWith(new GraphQLError('from a subgraph', { extensions: { code } })));
    }
    const outcomes = new Set((await metrics.operationDuration.get()).values.map((value) => value.labels.outcome));
    expect([...outcomes]).toEqual(['INTERNAL_SERVER_ERROR']);
  });

  it('labels an error without a code INTERNAL_SERVER_ERROR, as the client gets it (it was ok)', async () => {
    const metrics = createGatewayMetrics();
    await observeMetrics(metrics).willSendResponse?.(answerWith(new GraphQLError('a crash')));
    const outcomes = (await metrics.operationDuration.get()).values.map((value) => value.labels.outcome);
    expect(new Set(outcomes)).toEqual(new Set(['INTERNAL_SERVER_ERROR']));
  });

  describe('what the log says of an error a subgraph sent', () => {
    /** What an insurer's subgraph may write in an error: a person named, in its own words. */
    const WORDS = 'dossier introuvable pour ZZ000001 (Amal Bennani, née 1984-03-12)';

    it.each([
      ['a foreign code', { code: 'CLAIM_NOT_FOUND' }, 'foreign'],
      ['no code', {}, 'none'],
      ['a code holding the person', { code: 'NOT_FOUND_ZZ000001' }, 'foreign'],
    ])('with %s: the subgraph, the path and the kind of code, never its words', (_kind, extensions, kind) => {
      const { logger, text } = memoryLogger();
      const original = new GraphQLError(WORDS, { extensions: { ...extensions, serviceName: 'cnss-claims' } });
      const formatted: GraphQLFormattedError = { message: WORDS, path: ['person', 'cnssClaimFiles', 0], extensions: original.extensions };
      expect(createGatewayFormatError(logger, true)(formatted, original).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const line = JSON.parse(text()) as Record<string, unknown>;
      expect(line).toMatchObject({
        msg: 'unexpected error from a subgraph',
        subgraph: 'cnss-claims',
        code: kind,
        path: ['person', 'cnssClaimFiles', 0],
      });
      for (const words of ['ZZ000001', 'Bennani', '1984-03-12', 'dossier']) expect(text()).not.toContain(words);
    });

    it('without the national id a client put in an alias of the path, nor a name the subgraph gave itself', () => {
      const { logger, text } = memoryLogger();
      const formatted: GraphQLFormattedError = {
        message: WORDS,
        path: ['checkZZ000001', 'claims'],
        extensions: { code: 'CLAIM_NOT_FOUND', serviceName: 'ZZ000001 Amal' },
      };
      createGatewayFormatError(logger, true)(formatted, new GraphQLError(WORDS));
      expect(JSON.parse(text())).toMatchObject({ subgraph: 'unnamed', path: ['check<national id>', 'claims'] });
      expect(text()).not.toContain('ZZ000001');
    });

    it("logs the gateway's own crash with its message, a national id in it replaced", () => {
      const { logger, text } = memoryLogger();
      const crash = new TypeError('cannot read the coverage of ZZ000001');
      createGatewayFormatError(logger, true)({ message: crash.message }, new GraphQLError(crash.message, { originalError: crash }));
      expect(JSON.parse(text())).toMatchObject({
        msg: 'internal error',
        err: { message: 'cannot read the coverage of <national id>' },
      });
      expect(text()).not.toContain('ZZ000001');
    });
  });
});
