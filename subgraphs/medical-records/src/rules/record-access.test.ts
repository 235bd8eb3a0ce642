import { describe, expect, it } from 'vitest';
import {
  acceptedJustification,
  decideRecordAccess,
  withinCareRelationship,
  type RecordAccess,
  type RecordAccessFacts,
  type RecordAccessRules,
} from './record-access';

const RULES: RecordAccessRules = { careRelationshipDays: 30, justification: { minLength: 20, maxLength: 2000 } };
const TODAY = '2026-03-02';
const JUSTIFICATION = 'Patient inconscient admis aux urgences';
const HOSPITAL = { org: 'ZZP00004', orgKind: 'ESTABLISHMENT' };

function facts(change: Partial<RecordAccessFacts> & { purposes?: string[] } = {}): RecordAccessFacts {
  const { purposes, ...rest } = change;
  return {
    caller: { ...HOSPITAL, purposes: purposes ?? ['records:read'] },
    lastCheckOn: '2026-02-20',
    breakGlass: null,
    blocked: false,
    today: TODAY,
    ...rest,
  };
}

const READ: RecordAccess = { allowed: true, breakGlass: false };
const BREAK_GLASS: RecordAccess = { allowed: true, breakGlass: true, justification: JUSTIFICATION };
const refused = (refusal: string) => ({ allowed: false, refusal });

describe('decideRecordAccess', () => {
  it.each<[string, RecordAccessFacts, RecordAccess | ReturnType<typeof refused>]>([
    ['records:read with a check 10 days ago', facts(), READ],
    ['records:read with a check today', facts({ lastCheckOn: TODAY }), READ],
    ['records:read with a check exactly 30 days ago', facts({ lastCheckOn: '2026-01-31' }), READ],
    ['records:read with a check 31 days ago', facts({ lastCheckOn: '2026-01-30' }), refused('CARE_RELATIONSHIP_REQUIRED')],
    ['records:read with no care relationship', facts({ lastCheckOn: null }), refused('CARE_RELATIONSHIP_REQUIRED')],
    ['records:read with a malformed date', facts({ lastCheckOn: '20/02/2026' }), refused('CARE_RELATIONSHIP_REQUIRED')],
    [
      'a professional under records:read',
      facts({ caller: { org: 'ZZP00001', orgKind: 'PROFESSIONAL', purposes: ['records:read'] } }),
      READ,
    ],
    ['records:read, blocked by the person', facts({ blocked: true }), refused('CONSENT_BLOCKED')],
    [
      'blocked and no care relationship: the care relationship first',
      facts({ blocked: true, lastCheckOn: null }),
      refused('CARE_RELATIONSHIP_REQUIRED'),
    ],
    [
      'break-glass with a justification',
      facts({ purposes: ['records:break-glass'], breakGlass: { justification: JUSTIFICATION }, lastCheckOn: null }),
      BREAK_GLASS,
    ],
    [
      'break-glass passes a block',
      facts({ purposes: ['records:break-glass'], breakGlass: { justification: JUSTIFICATION }, blocked: true }),
      BREAK_GLASS,
    ],
    [
      'break-glass trims the justification',
      facts({ purposes: ['records:break-glass'], breakGlass: { justification: `  ${JUSTIFICATION}\n` } }),
      BREAK_GLASS,
    ],
    [
      'break-glass with a short justification',
      facts({ purposes: ['records:break-glass'], breakGlass: { justification: 'urgence vitale' } }),
      refused('BREAK_GLASS_JUSTIFICATION_REQUIRED'),
    ],
    [
      'break-glass with blanks only',
      facts({ purposes: ['records:break-glass'], breakGlass: { justification: ' '.repeat(40) } }),
      refused('BREAK_GLASS_JUSTIFICATION_REQUIRED'),
    ],
    [
      'break-glass with too long a justification',
      facts({ purposes: ['records:break-glass'], breakGlass: { justification: 'x'.repeat(2001) } }),
      refused('BREAK_GLASS_JUSTIFICATION_REQUIRED'),
    ],
    [
      'records:break-glass without the argument',
      facts({ purposes: ['records:break-glass'] }),
      refused('BREAK_GLASS_JUSTIFICATION_REQUIRED'),
    ],
    ['the argument without the purpose', facts({ breakGlass: { justification: JUSTIFICATION } }), refused('FORBIDDEN')],
    ['both purposes, no argument: an ordinary read', facts({ purposes: ['records:read', 'records:break-glass'] }), READ],
    [
      'both purposes, with the argument: break-glass',
      facts({ purposes: ['records:read', 'records:break-glass'], breakGlass: { justification: JUSTIFICATION }, lastCheckOn: null }),
      BREAK_GLASS,
    ],
    [
      'an OG, whatever its purposes',
      facts({ caller: { org: 'CNSS', orgKind: 'OG', purposes: ['records:read', 'records:break-glass'] } }),
      refused('FORBIDDEN'),
    ],
    [
      'the patient portal',
      facts({ caller: { org: 'PATIENT_PORTAL', orgKind: 'PATIENT_PORTAL', purposes: ['records:read'] } }),
      refused('FORBIDDEN'),
    ],
    [
      'an establishment without an INPE',
      facts({ caller: { org: null, orgKind: 'ESTABLISHMENT', purposes: ['records:read'] } }),
      refused('FORBIDDEN'),
    ],
    ['no records purpose', facts({ purposes: ['pathway:read'] }), refused('FORBIDDEN')],
  ])('%s', (_case, input, expected) => {
    expect(decideRecordAccess(input, RULES)).toEqual(expected);
  });
});

describe('withinCareRelationship', () => {
  it.each<[string | null, number, boolean]>([
    ['2026-03-02', 0, true],
    ['2026-03-01', 0, false],
    ['2026-03-03', 0, true],
    ['2026-02-01', 29, true],
    ['2026-02-01', 28, false],
    [null, 30, false],
    ['', 30, false],
    ['not-a-date', 30, false],
  ])('%s within %i days of 2026-03-02 → %s', (lastCheckOn, days, expected) => {
    expect(withinCareRelationship(lastCheckOn, TODAY, days)).toBe(expected);
  });
});

describe('acceptedJustification', () => {
  it.each<[string, string | null]>([
    ['a'.repeat(20), 'a'.repeat(20)],
    ['a'.repeat(19), null],
    [`  ${'a'.repeat(19)}  `, null],
    ['é'.repeat(20), 'é'.repeat(20)],
    ['إسعاف مستعجل لمريض فاقد للوعي', 'إسعاف مستعجل لمريض فاقد للوعي'],
    ['a'.repeat(2000), 'a'.repeat(2000)],
    ['a'.repeat(2001), null],
  ])('%j', (justification, expected) => {
    expect(acceptedJustification(justification, RULES.justification)).toBe(expected);
  });
});
