import { addDays, addYears, isInpe } from '@cmb/kit';

/** How far back and ahead of today a date may lie, in days. */
export interface DateWindow {
  maxDaysBack: number;
  maxDaysAhead: number;
}

/** What an OG may record and an establishment ask (`reference-data/pathway-writes.json` and the lists it names). */
export interface PathwayWriteRules {
  version: string;
  /** Most rows of one batch (the kit's `PATHWAY_WRITE_MAX_ROWS`). */
  maxBatchRows: number;
  referringDoctor: DateWindow;
  /** `maxYears`: the longest exemption one recognition carries (ald-list.json `exemptionValidity`). */
  longTermIllness: DateWindow & { maxYears: number };
  /** `maxValidityDays`: the longest validity of a referral (pcs-activation.json `referral.validityDays`). */
  referral: { maxDaysBack: number; maxValidityDays: number };
  priorApproval: { request: DateWindow; maxGrantDays: number; refusalReasons: readonly string[] };
}

/** What is wrong with a value: the field and what it should be (never the value itself). */
export interface Violation {
  field: string;
  expected: string;
}

/** A specialty code: capitals, digits and underscores (`CARDIOLOGIE`). */
const SPECIALTY = /^[A-Z][A-Z0-9_]{1,47}$/;
/** A nomenclature act code (NGAP, CCAM): capitals, digits, dots and dashes. */
const ACT_CODE = /^[A-Z0-9][A-Z0-9.-]{0,31}$/;

/** The date lies within the window around today, else the violation naming the bounds. */
export function dateWindowViolation(field: string, date: string, today: string, window: DateWindow): Violation | null {
  const earliest = addDays(today, -window.maxDaysBack);
  const latest = addDays(today, window.maxDaysAhead);
  return date < earliest || date > latest ? { field, expected: `a date from ${earliest} to ${latest}` } : null;
}

/** An INPE code, else the violation. */
export function inpeViolation(field: string, value: string): Violation | null {
  return isInpe(value) ? null : { field, expected: 'an INPE code' };
}

/**
 * R8: a referring-doctor declaration (seeds/001_225b0d72771d4c3f.txt:L612)
 * names an INPE and starts within the window the reference data allows.
 */
export function declarationViolation(
  input: { doctorInpe: string; validFrom: string },
  today: string,
  rules: PathwayWriteRules,
): Violation | null {
  return inpeViolation('doctorInpe', input.doctorInpe) ?? dateWindowViolation('validFrom', input.validFrom, today, rules.referringDoctor);
}

/**
 * R9: a recognised ALD/ALC (seeds/001_225b0d72771d4c3f.txt:L553-L557) has a
 * code of the list in force and a bounded exemption: it starts within the
 * window, ends on or after its start and at most `maxYears` later (a renewal
 * is a new recognition).
 */
export function illnessViolation(
  input: { aldCode: string; validFrom: string; validUntil: string },
  listed: (code: string) => boolean,
  today: string,
  rules: PathwayWriteRules,
): Violation | null {
  if (!listed(input.aldCode)) return { field: 'aldCode', expected: 'a code of the ALD list in force (aldList)' };
  const window = dateWindowViolation('validFrom', input.validFrom, today, rules.longTermIllness);
  if (window) return window;
  const latest = addDays(addYears(input.validFrom, rules.longTermIllness.maxYears), -1);
  if (input.validUntil < input.validFrom || input.validUntil > latest)
    return { field: 'validUntil', expected: `a date from validFrom to ${latest} (${rules.longTermIllness.maxYears} years at most)` };
  return null;
}

/**
 * R8: a referral from the referring doctor to a specialty or a named
 * provider (seeds/001_225b0d72771d4c3f.txt:L612): issued on a past day within
 * the window, never ahead of today, valid from its issue for at most
 * `maxValidityDays`.
 */
export function referralViolation(
  input: { fromInpe: string; toSpecialty?: string | null; toInpe?: string | null; issuedOn: string; validUntil: string },
  today: string,
  rules: PathwayWriteRules,
): Violation | null {
  const from = inpeViolation('fromInpe', input.fromInpe);
  if (from) return from;
  if (!input.toSpecialty && !input.toInpe) return { field: 'toSpecialty', expected: 'a specialty or an INPE (toInpe) referred to' };
  if (input.toSpecialty && !SPECIALTY.test(input.toSpecialty))
    return { field: 'toSpecialty', expected: 'a specialty code (capitals, digits, _)' };
  if (input.toInpe) {
    const to = inpeViolation('toInpe', input.toInpe);
    if (to) return to;
  }
  const issued = dateWindowViolation('issuedOn', input.issuedOn, today, { maxDaysBack: rules.referral.maxDaysBack, maxDaysAhead: 0 });
  if (issued) return issued;
  const latest = addDays(input.issuedOn, rules.referral.maxValidityDays);
  if (input.validUntil < input.issuedOn || input.validUntil > latest)
    return { field: 'validUntil', expected: `a date from issuedOn to ${latest} (${rules.referral.maxValidityDays} days at most)` };
  return null;
}

/**
 * R11: a prior approval request (seeds/001_225b0d72771d4c3f.txt:L830) is for
 * care planned within the window, with a well-formed act code when it names one.
 */
export function requestViolation(
  input: { actCode?: string | null; plannedOn: string },
  today: string,
  rules: PathwayWriteRules,
): Violation | null {
  if (input.actCode && !ACT_CODE.test(input.actCode))
    return { field: 'actCode', expected: 'a nomenclature act code (capitals, digits, . -)' };
  return dateWindowViolation('plannedOn', input.plannedOn, today, rules.priorApproval.request);
}

/**
 * R11: an OG's decision on a prior approval request. A grant carries a
 * validity that is not over on the day of the decision and lasts at most
 * `maxGrantDays`, and no reason; a refusal carries a reason of the list and
 * no validity.
 */
export function decisionViolation(
  input: { decision: string; validFrom?: string | null; validUntil?: string | null; reasonCode?: string | null },
  today: string,
  rules: PathwayWriteRules,
): Violation | null {
  if (input.decision === 'REFUSED') {
    if (!input.reasonCode || !rules.priorApproval.refusalReasons.includes(input.reasonCode))
      return { field: 'reasonCode', expected: rules.priorApproval.refusalReasons.join(', ') };
    if (input.validFrom || input.validUntil) return { field: 'validFrom', expected: 'no validity for a refusal' };
    return null;
  }
  if (input.decision !== 'GRANTED') return { field: 'decision', expected: 'GRANTED or REFUSED' };
  if (input.reasonCode) return { field: 'reasonCode', expected: 'no reason for a grant' };
  if (!input.validFrom || !input.validUntil) return { field: 'validUntil', expected: 'the validity of a grant (validFrom and validUntil)' };
  const latest = addDays(input.validFrom, rules.priorApproval.maxGrantDays - 1);
  if (input.validUntil < input.validFrom || input.validUntil > latest || input.validUntil < today)
    return {
      field: 'validUntil',
      expected: `a date from validFrom and from today to ${latest} (${rules.priorApproval.maxGrantDays} days at most)`,
    };
  return null;
}
