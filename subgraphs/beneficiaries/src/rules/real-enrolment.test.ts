import { describe, expect, it } from 'vitest';
import { mayDeclareClosedRow } from './real-enrolment';

/** An OG gains sight of another OG's member only by a real enrolment (architecture.md, access rules). */
describe('mayDeclareClosedRow', () => {
  it.each<[string, string, string[], boolean]>([
    ['a person new to the registry (migrated history)', 'CNOPS', [], true],
    ['its own member', 'CNSS', ['CNSS'], true],
    ['its former member, now elsewhere', 'CNSS', ['CNOPS', 'CNSS'], true],
    ["another OG's member it never covered", 'CNOPS', ['CNSS'], false],
    ["another OG's former member it never covered", 'CNOPS', ['CNSS', 'CNSS'], false],
  ])('%s → %s', (_case, organism, heldBy, expected) => {
    expect(mayDeclareClosedRow(organism, heldBy)).toBe(expected);
  });
});
