/** The statuses a file has in the OG's systems. */
export const CLAIM_STATUSES = ['RECEIVED', 'UNDER_REVIEW', 'REIMBURSED', 'REJECTED'] as const;

/** One status of {@link CLAIM_STATUSES}. */
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** The statuses of a file the OG has not settled yet: only these can be overdue. */
export const OPEN_STATUSES: readonly ClaimStatus[] = ['RECEIVED', 'UNDER_REVIEW'];

/** The deadlines the rules apply (reference data, the filing one overridable by configuration). */
export interface ClaimRules {
  version: string;
  /** The OG must reimburse within this many months of receiving a file (R14). */
  reimbursementMonths: number;
  /** The insured files a claim within this many days of the first care (configuration: not in the seeds). */
  filingDays: number;
}

/** What the deadline rules read of a file. */
export interface FileDates {
  status: ClaimStatus;
  receivedOn: string;
  firstCareOn: string;
  reimbursedOn: string | null;
}
