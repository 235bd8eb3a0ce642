import { appError, CareType, todayIn, toIsoDate, verifyDecisionProof } from '@cmb/kit';
import type { CarePathwaysConfig } from '../config';
import { aldExemptionsOn } from '../rules/ald-exemptions';
import { pathwayCompliance, referringDoctorOn } from '../rules/pathway-compliance';
import { organismOn, priorApprovalGranted, priorApprovalRequired } from '../rules/prior-approval';
import { protocolsOn } from '../rules/protocols-for';
import { validOn } from '../rules/valid-on';
import type { EligibilityDecisionType } from '../types/eligibility-decision.type';
import type { PersonType } from '../types/person.type';
import type { PathwayRecord } from './pathway-store';
import type { ReferenceCatalog } from './reference-catalog';

/**
 * The representation the gateway sends in hop 2: the decision key and the
 * input fields it `@requires` from beneficiaries (`careDate` as YYYY-MM-DD).
 */
export interface DecisionRepresentation {
  id: string;
  personRef?: string | null;
  /** Beneficiaries' proof that the person reference comes from this check by the caller's organisation. */
  personRefProof?: string | null;
  providerInpe: string;
  careDate: string;
  careType: string;
  /** The asking provider's registry facts (R6), null or absent when providers did not answer. */
  providerFacts?: { registered: boolean; active: boolean } | null;
}

/** The checked input of a decision representation. */
export interface PathwayQuestion {
  id: string;
  personRef: string | null;
  providerInpe: string;
  careDate: string;
  careType: CareType;
}

const CARE_TYPES: readonly string[] = Object.values(CareType);

/** Newest first by a date field. */
function newestFirst<T>(rows: readonly T[], date: (row: T) => string): T[] {
  return [...rows].sort((a, b) => (date(a) < date(b) ? 1 : date(a) > date(b) ? -1 : 0));
}

/**
 * Applies the pathway rules to a person's records: the facts and status of
 * an eligibility decision (R8-R11), and the person's current pathway.
 */
export class PathwayService {
  constructor(
    private readonly catalog: ReferenceCatalog,
    private readonly config: Pick<
      CarePathwaysConfig,
      'pcs' | 'priorApproval' | 'referenceVersion' | 'timeZone' | 'aldList' | 'protocols' | 'proofSecret'
    >,
  ) {}

  /**
   * Checks a representation at the edge; malformed values are `BAD_USER_INPUT`
   * and never echoed. A person reference is served only with beneficiaries'
   * proof, less than a minute old, that it comes from this decision, checked
   * by the caller's own organisation for this provider, day and kind of care
   * (hop 1): the root field's rule (a person identified by the
   * caller's own check) holds on this entry too. Otherwise `FORBIDDEN`
   * (`PATHWAY_BY_PERSON_REFUSED`), before anything is read.
   */
  question(representation: DecisionRepresentation, caller: { org: string | null } | null = null): PathwayQuestion {
    const careDate = toIsoDate(String(representation.careDate));
    if (!CARE_TYPES.includes(representation.careType))
      throw appError('INVALID_VALUE', { field: 'careType', expected: CARE_TYPES.join(', ') });
    if (typeof representation.providerInpe !== 'string') throw appError('INVALID_VALUE', { field: 'providerInpe', expected: 'INPE' });
    const personRef = typeof representation.personRef === 'string' ? representation.personRef : null;
    if (
      personRef !== null &&
      !verifyDecisionProof(
        this.config.proofSecret,
        representation.personRefProof,
        String(representation.id),
        personRef,
        caller?.org ?? null,
        {
          providerInpe: representation.providerInpe,
          careDate,
          careType: representation.careType,
        },
      )
    ) {
      throw appError('PATHWAY_BY_PERSON_REFUSED');
    }
    return {
      id: representation.id,
      personRef,
      providerInpe: representation.providerInpe,
      careDate,
      careType: representation.careType as CareType,
    };
  }

  /** Hop 2: the pathway facts and status of one decision, from the person's records (empty for an unknown person). */
  assess(question: PathwayQuestion, record: PathwayRecord): EligibilityDecisionType {
    const { careDate, careType, providerInpe } = question;
    const compliance = pathwayCompliance(
      {
        careDate,
        careType,
        providerInpe,
        referringDoctors: record.referringDoctors,
        enrolments: record.enrolments,
        referrals: record.referrals,
        exceptions: record.exceptions,
      },
      this.config.pcs,
    );
    const aldExemptions = aldExemptionsOn(record.illnesses, careDate);
    const organism = organismOn(record, careDate);
    return {
      ...question,
      pathwayFacts: {
        pcsApplies: compliance.pcsApplies,
        compliant: compliance.compliant,
        penalty: compliance.penalty,
        aldExemptions,
        referenceVersion: this.config.referenceVersion,
      },
      pathway: {
        referringDoctorInpe: referringDoctorOn(record.referringDoctors, record.enrolments, careDate),
        inPathway: !(compliance.pcsApplies && !compliance.compliant),
        pcsApplies: compliance.pcsApplies,
        aldExemptions,
        protocols: protocolsOn(record.illnesses, careDate, this.config.aldList, this.config.protocols),
        priorApprovalRequired: priorApprovalRequired(careType, organism, this.config.priorApproval),
        priorApprovalGranted: priorApprovalGranted(record.approvals, careType, careDate),
        referenceVersion: this.config.referenceVersion,
      },
    };
  }

  /** The person's pathway as of today (Africa/Casablanca): current doctor and enrolment, full history otherwise. */
  person(ref: string, record: PathwayRecord, now: Date = new Date()): PersonType {
    const today = todayIn(this.config.timeZone, now);
    const enrolment =
      newestFirst(
        record.enrolments.filter((e) => validOn(e, today)),
        (e) => e.validFrom,
      )[0] ?? null;
    return {
      ref,
      referringDoctorInpe: referringDoctorOn(record.referringDoctors, record.enrolments, today),
      longTermIllnesses: newestFirst(record.illnesses, (i) => i.validFrom).map((illness) => {
        const listed = this.catalog.ald(illness.aldCode);
        return {
          id: illness.id,
          code: illness.aldCode,
          label: listed?.label ?? null,
          kind: listed?.kind ?? null,
          listVersion: illness.listVersion,
          validFrom: illness.validFrom,
          validUntil: illness.validUntil,
          protocolCode: illness.protocolCode ?? null,
          protocolVersion: illness.protocolVersion ?? null,
        };
      }),
      pathwayEnrolment: enrolment
        ? {
            id: enrolment.id,
            organism: enrolment.organism,
            regime: enrolment.regime,
            regionCode: enrolment.regionCode,
            pathologyCode: enrolment.pathologyCode,
            referringDoctorInpe: enrolment.referringDoctorInpe,
            validFrom: enrolment.validFrom,
            validUntil: enrolment.validUntil,
          }
        : null,
      referrals: newestFirst(record.referrals, (r) => r.issuedOn).map((r) => ({
        id: r.id,
        fromInpe: r.fromInpe,
        toSpecialty: r.toSpecialty,
        toInpe: r.toInpe,
        issuedOn: r.issuedOn,
        validUntil: r.validUntil,
      })),
      pathwayExceptions: newestFirst(record.exceptions, (e) => e.validFrom).map((e) => ({
        id: e.id,
        kind: e.kind,
        validFrom: e.validFrom,
        validUntil: e.validUntil,
      })),
      priorApprovals: newestFirst(record.approvals, (a) => a.validFrom).map((a) => ({
        id: a.id,
        organism: a.organism,
        careType: a.careType as CareType,
        actCode: a.actCode,
        status: a.status,
        validFrom: a.validFrom,
        validUntil: a.validUntil,
        plannedOn: a.plannedOn ?? null,
        requestedBy: a.requestedBy ?? null,
        refusalReason: a.refusalReason ?? null,
      })),
    };
  }
}
