import { registerEnumType } from 'type-graphql';

/** A file's status in the OG's systems. */
export enum CnssClaimStatus {
  RECEIVED = 'RECEIVED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  REIMBURSED = 'REIMBURSED',
  REJECTED = 'REJECTED',
}

registerEnumType(CnssClaimStatus, {
  name: 'CnssClaimStatus',
  description: 'RECEIVED and UNDER_REVIEW are open (they can be overdue); REIMBURSED and REJECTED are settled',
});
