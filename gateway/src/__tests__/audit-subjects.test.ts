import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { breaksGlass, documentAuditFacts, refsOf, subjectsOf } from '../access-audit/subjects';

describe('audit subjects', () => {
  it('finds the national ids of an operation in its literals and its variables', () => {
    const facts = documentAuditFacts(
      parse('query ($i: EligibilityInput!) { eligibility(input: $i) { outcome } person(nationalId: "ZZ000018") { ref } }'),
    );
    expect(facts.literalSubjects).toEqual(['ZZ000018']);
    expect(subjectsOf(facts, { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001' } }).sort()).toEqual(['ZZ000001', 'ZZ000018']);
  });

  it('finds national ids in literal input objects and nested variable lists', () => {
    const facts = documentAuditFacts(parse('query ($xs: [In!]!) { a(input: { insuredNationalId: "ZZ000002" }) { x } b(list: $xs) { y } }'));
    expect(subjectsOf(facts, { xs: [{ nationalId: 'ZZ000003' }, { other: { insuredNationalId: 'ZZ000004' } }] }).sort()).toEqual([
      'ZZ000002',
      'ZZ000003',
      'ZZ000004',
    ]);
  });

  it('finds a national id passed in a variable of any name, or given by its default', () => {
    const facts = documentAuditFacts(
      parse(
        'query ($cin: String!, $other: String = "ZZ000009") { person(nationalId: $cin) { ref } b: person(nationalId: $other) { ref } c(input: { nationalId: $cin }) { x } }',
      ),
    );
    expect(facts.subjectVariables).toEqual(['cin', 'other', 'cin']);
    expect(subjectsOf(facts, { cin: 'ZZ000007' }).sort()).toEqual(['ZZ000007', 'ZZ000009']);
    expect(subjectsOf(facts, { cin: 'ZZ000007', other: 'ZZ000008' }).sort()).toEqual(['ZZ000007', 'ZZ000008']);
  });

  it('ignores what the request sends beside the variables the operation defines', () => {
    const facts = documentAuditFacts(parse('query ($i: EligibilityInput!) { eligibility(input: $i) { outcome } }'));
    expect(subjectsOf(facts, { i: { nationalId: 'ZZ000001' }, planted: { nationalId: 'ZZ000010' } })).toEqual(['ZZ000001']);
  });

  it('counts the signed-in person as a subject of their own request, once', () => {
    const facts = documentAuditFacts(parse('{ me { rights } }'));
    expect(subjectsOf(facts, undefined, 'ZZ000005')).toEqual(['ZZ000005']);
    expect(subjectsOf(documentAuditFacts(parse('{ person(nationalId: "ZZ000005") { ref } }')), {}, 'ZZ000005')).toEqual(['ZZ000005']);
    expect(subjectsOf(facts, undefined, null)).toEqual([]);
  });

  it('breaks the glass with a literal breakGlass argument', () => {
    const facts = documentAuditFacts(parse('{ record(nationalId: "ZZ000006", breakGlass: { reason: "coma" }) { id } }'));
    expect(breaksGlass(facts, undefined)).toBe(true);
  });

  it('breaks the glass with a breakGlass variable only when the request gives it a value', () => {
    const facts = documentAuditFacts(parse('query ($bg: BreakGlassInput) { record(nationalId: "ZZ000006", breakGlass: $bg) { id } }'));
    expect(facts.breakGlassVariables).toEqual(['bg']);
    expect(breaksGlass(facts, { bg: { reason: 'coma' } })).toBe(true);
    expect(breaksGlass(facts, { bg: null })).toBe(false);
    expect(breaksGlass(facts, {})).toBe(false);
    expect(breaksGlass(documentAuditFacts(parse('{ record(nationalId: "ZZ000006") { id } }')), undefined)).toBe(false);
  });

  it('breaks the glass with a breakGlass variable given by its default', () => {
    const facts = documentAuditFacts(
      parse('query ($bg: BreakGlassInput = { reason: "coma" }) { record(nationalId: "ZZ000006", breakGlass: $bg) { id } }'),
    );
    expect(breaksGlass(facts, undefined)).toBe(true);
    expect(breaksGlass(facts, { bg: null })).toBe(false);
  });

  it('finds the person refs an operation names, in literals, variables and input objects', () => {
    const facts = documentAuditFacts(
      parse(
        'mutation ($p: String!, $doc: RegisterDocumentInput!) { blockProvider(personRef: $p, capability: "c", inpe: "ZZP00001") { blockedProviders } registerDocument(input: $doc) { id } maskDocument(personRef: "ref-3", capability: "c", id: "d") { blockedProviders } }',
      ),
    );
    expect(refsOf(facts, { p: 'ref-1', doc: { personRef: 'ref-2', title: 'x' } }).sort()).toEqual(['ref-1', 'ref-2', 'ref-3']);
    expect(subjectsOf(facts, { p: 'ref-1', doc: { personRef: 'ref-2' } })).toEqual([]);
  });
});
