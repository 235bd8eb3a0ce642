import { addDays } from '@cmb/kit';
import { OPEN_STATUSES, type ClaimRules, type FileDates } from './facts';

/** A YYYY-MM-DD date some calendar months later, the day kept or, in a shorter month, its last day (30 November + 3 months = 28 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The last day the OG may reimburse a file received on this day (R14: three months, `seeds/001_225b0d72771d4c3f.txt:L824`). */
export function reimbursementDueBy(receivedOn: string, rules: Pick<ClaimRules, 'reimbursementMonths'>): string {
  return addMonths(receivedOn, rules.reimbursementMonths);
}

/** True when a file the OG has not settled is past its reimbursement deadline today. */
export function isOverdue(
  file: Pick<FileDates, 'status' | 'receivedOn'>,
  today: string,
  rules: Pick<ClaimRules, 'reimbursementMonths'>,
): boolean {
  return OPEN_STATUSES.includes(file.status) && today > reimbursementDueBy(file.receivedOn, rules);
}

/** True when a reimbursed file was paid after its deadline. */
export function reimbursedLate(
  file: Pick<FileDates, 'receivedOn' | 'reimbursedOn'>,
  rules: Pick<ClaimRules, 'reimbursementMonths'>,
): boolean {
  return file.reimbursedOn !== null && file.reimbursedOn > reimbursementDueBy(file.receivedOn, rules);
}

/**
 * The latest day of receipt that makes an open file overdue today: every
 * open file received on or before it is overdue, none after (the deadline
 * grows with the day of receipt). The overdue list reads the index with it.
 */
export function latestOverdueReceipt(today: string, rules: Pick<ClaimRules, 'reimbursementMonths'>): string {
  let day = addMonths(today, -rules.reimbursementMonths);
  while (reimbursementDueBy(day, rules) >= today) day = addDays(day, -1);
  // A month-end clamp can leave later days overdue too: walk forward while they are.
  while (reimbursementDueBy(addDays(day, 1), rules) < today) day = addDays(day, 1);
  return day;
}
