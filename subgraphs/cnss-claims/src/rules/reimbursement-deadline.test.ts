import { addDays } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { isOverdue, latestOverdueReceipt, reimbursedLate, reimbursementDueBy } from './reimbursement-deadline';

const rules = { reimbursementMonths: 3 };

describe('the three-month reimbursement deadline (R14)', () => {
  it.each([
    ['2026-01-15', '2026-04-15'],
    ['2025-11-30', '2026-02-28'],
    ['2023-11-30', '2024-02-29'],
    ['2026-10-31', '2027-01-31'],
    ['2026-12-31', '2027-03-31'],
  ])('a file received on %s is due by %s', (receivedOn, dueBy) => {
    expect(reimbursementDueBy(receivedOn, rules)).toBe(dueBy);
  });

  it.each([
    ['an open file past its deadline', 'UNDER_REVIEW', '2026-01-15', '2026-04-16', true],
    ['an open file on its last day', 'RECEIVED', '2026-01-15', '2026-04-15', false],
    ['a reimbursed file, whatever the day', 'REIMBURSED', '2026-01-15', '2026-12-31', false],
    ['a rejected file, whatever the day', 'REJECTED', '2026-01-15', '2026-12-31', false],
  ] as const)('%s: overdue %s', (_case, status, receivedOn, today, overdue) => {
    expect(isOverdue({ status, receivedOn }, today, rules)).toBe(overdue);
  });

  it('tells a late reimbursement from one in time', () => {
    expect(reimbursedLate({ receivedOn: '2026-01-15', reimbursedOn: '2026-04-16' }, rules)).toBe(true);
    expect(reimbursedLate({ receivedOn: '2026-01-15', reimbursedOn: '2026-04-15' }, rules)).toBe(false);
    expect(reimbursedLate({ receivedOn: '2026-01-15', reimbursedOn: null }, rules)).toBe(false);
  });

  it.each(['2026-03-01', '2026-03-31', '2026-05-31', '2026-02-28', '2024-02-29', '2026-12-03'])(
    'bounds the overdue receipts exactly on %s',
    (today) => {
      const latest = latestOverdueReceipt(today, rules);
      expect(isOverdue({ status: 'RECEIVED', receivedOn: latest }, today, rules)).toBe(true);
      expect(isOverdue({ status: 'RECEIVED', receivedOn: addDays(latest, 1) }, today, rules)).toBe(false);
    },
  );
});
