import { registerEnumType } from 'type-graphql';

/** Why a medicine is or is not reimbursable on a date (rule R12). */
export enum ReimbursementReasonEnum {
  REIMBURSABLE = 'REIMBURSABLE',
  NOT_REIMBURSABLE = 'NOT_REIMBURSABLE',
  NOT_LISTED = 'NOT_LISTED',
  WITHDRAWN = 'WITHDRAWN',
  NO_GMR_VERSION = 'NO_GMR_VERSION',
}

registerEnumType(ReimbursementReasonEnum, {
  name: 'ReimbursementReason',
  description: 'Why a medicine is or is not reimbursable on a date',
  valuesConfig: {
    REIMBURSABLE: { description: 'Listed and reimbursable in the GMR version valid on the date' },
    NOT_REIMBURSABLE: { description: 'Listed, but flagged not reimbursable: a marketing authorisation is not enough' },
    NOT_LISTED: { description: 'Not listed in the GMR version valid on the date, nor in an earlier one' },
    WITHDRAWN: { description: 'Listed in an earlier GMR version, withdrawn since' },
    NO_GMR_VERSION: { description: 'No GMR version applies on the date' },
  },
});
