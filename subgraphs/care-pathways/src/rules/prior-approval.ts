import type { ApprovalFact, EnrolmentFact, PriorApprovalConfig, ReferringDoctorFact } from './facts';
import { validOn } from './valid-on';

/**
 * R11: the care type needs the OG's prior approval (accord préalable). The
 * seeds name disputes on hospital and surgery coverage but no list of acts
 * (seeds/001_225b0d72771d4c3f.txt:L830): the list per OG is configuration.
 * When the organism is unknown, the configured policy decides.
 */
export function priorApprovalRequired(careType: string, organism: string | null, config: PriorApprovalConfig): boolean {
  if (organism === null) {
    if (config.whenOrganismUnknown === 'NOT_REQUIRED') return false;
    return Object.values(config.careTypesByOrganism).some((careTypes) => careTypes.includes(careType));
  }
  return config.careTypesByOrganism[organism]?.includes(careType) ?? false;
}

/** True when a GRANTED prior approval for the care type is valid on the date (seeds/001_225b0d72771d4c3f.txt:L830). */
export function priorApprovalGranted(approvals: readonly ApprovalFact[], careType: string, date: string): boolean {
  return approvals.some((a) => a.status === 'GRANTED' && a.careType === careType && validOn(a, date));
}

/**
 * The person's OG on the date as far as this subgraph knows it: from a pathway
 * enrolment, else a referring-doctor declaration (both filed with the OG,
 * seeds/001_225b0d72771d4c3f.txt:L612), else a prior approval valid on the
 * date; null when none says. Coverage itself is owned by beneficiaries.
 */
export function organismOn(
  records: { enrolments: readonly EnrolmentFact[]; referringDoctors: readonly ReferringDoctorFact[]; approvals: readonly ApprovalFact[] },
  date: string,
): string | null {
  const sources: readonly (readonly { organism: string; validFrom: string; validUntil: string | null }[])[] = [
    records.enrolments,
    records.referringDoctors,
    records.approvals,
  ];
  for (const rows of sources) {
    const valid = rows.filter((row) => validOn(row, date)).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
    if (valid[0]) return valid[0].organism;
  }
  return null;
}
