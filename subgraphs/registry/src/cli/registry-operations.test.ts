import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, problemLine, renderAnswer, versionOption } from './registry-operations';

describe('the registry command', () => {
  it.each(Object.entries(OPERATIONS))('sends a valid %s operation', (_command, operation) => {
    expect(() => parse(operation)).not.toThrow();
  });

  it.each([
    [
      { check: 'BREAKING_CHANGE', subgraph: 'cnss-claims', type: 'ClaimFile', field: 'amount', message: 'field removed' },
      '[BREAKING_CHANGE] cnss-claims / ClaimFile.amount: field removed',
    ],
    [
      { check: 'FOREIGN_TYPE', subgraph: 'cnss-claims', type: 'CareType', field: null, message: 'enum of ANAM' },
      '[FOREIGN_TYPE] cnss-claims / CareType: enum of ANAM',
    ],
    [
      { check: 'SDL', subgraph: 'cnss-claims', type: null, field: null, message: 'Syntax Error' },
      '[SDL] cnss-claims / (schema): Syntax Error',
    ],
  ])('prints a problem with its check, subgraph, type and field', (problem, line) => {
    expect(problemLine(problem)).toBe(line);
  });

  it.each([
    ['3', 3],
    ['12', 12],
    [undefined, null],
  ])('reads --to %s as version %s', (value, version) => {
    expect(versionOption('--to', value)).toBe(version);
  });

  it.each(['3x', 'x3', '', '0', '-1', '1.5', '1e3', '0x10', ' 3', '03', '99999999999'])(
    'refuses --to "%s", saying what to write, rather than rolling back to the default version',
    (value) => {
      expect(() => versionOption('--to', value)).toThrow(/--to takes a version number, a whole number from 1 \(e\.g\. --to 3/);
    },
  );

  it('says what a publish made and that every gateway loads it', () => {
    const lines = renderAnswer('publish', {
      publishSubgraph: {
        unchanged: false,
        subgraph: { name: 'cnss-claims', owner: 'CNSS', currentVersion: 2, retired: false, routingUrl: 'http://127.0.0.1:4201/graphql' },
        version: { version: 2, sdlSha256: 'a'.repeat(64), publishedAt: '2026-03-02T10:00:00.000Z' },
        supergraph: { version: 9, sha256: 'b'.repeat(64), cause: 'PUBLISH', composedAt: '2026-03-02T10:00:00.000Z' },
        warnings: [],
      },
    });
    expect(lines[0]).toBe('cnss-claims published: version 2 (owner CNSS)');
    expect(lines[1]).toContain('supergraph 9 (PUBLISH');
  });
});
