import type { CareType } from '@cmb/kit';
import type { ClaimRules, ClaimStatus } from '../rules/facts';
import { filedWithinDeadline, filingDeadline } from '../rules/filing-deadline';
import { isOverdue, reimbursedLate, reimbursementDueBy } from '../rules/reimbursement-deadline';
import type { CnssClaimFileType } from '../types/claim-file.type';
import type { CnssClaimStatus } from '../types/claim-status';
import type { StoredFile } from './claim-store';

const dirhams = (centimes: number) => centimes / 100;

/** A stored file as the API serves it, its deadlines read today by the rules. */
export function toClaimFile({ file, sheets }: StoredFile, today: string, rules: ClaimRules): CnssClaimFileType {
  const dates = {
    status: file.status as ClaimStatus,
    receivedOn: file.receivedOn,
    firstCareOn: file.firstCareOn,
    reimbursedOn: file.reimbursedOn,
  };
  return {
    fileNumber: file.fileNumber,
    person: { ref: file.personRef },
    status: file.status as CnssClaimStatus,
    overdue: isOverdue(dates, today, rules),
    receivedOn: file.receivedOn,
    reimbursementDueBy: reimbursementDueBy(file.receivedOn, rules),
    reimbursedLate: reimbursedLate(dates, rules),
    firstCareOn: file.firstCareOn,
    filingDeadline: filingDeadline(file.firstCareOn, rules),
    filedWithinDeadline: filedWithinDeadline(dates, rules),
    amountClaimed: dirhams(file.amountClaimedCentimes),
    amountReimbursed: file.amountReimbursedCentimes === null ? null : dirhams(file.amountReimbursedCentimes),
    reimbursedOn: file.reimbursedOn,
    careSheets: sheets.map((sheet) => ({
      sheetNumber: sheet.sheetNumber,
      careType: sheet.careType as CareType,
      providerInpe: sheet.providerInpe,
      careDate: sheet.careDate,
      amountClaimed: dirhams(sheet.amountClaimedCentimes),
    })),
    rulesVersion: rules.version,
  };
}
