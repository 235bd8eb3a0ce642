import {
  addDays,
  appError,
  assertDateWithin,
  careGiverOrg,
  CareType,
  issueDecisionProof,
  parseInpe,
  parseNationalId,
  todayIn,
  toIsoDate,
  type Caller,
  type ServedPerson,
} from '@cmb/kit';
import type { BeneficiariesConfig } from '../config';
import { decisionAnsweredTo, relationshipOpenedBy } from '../rules/care-relationship';
import { decideEligibility } from '../rules/decide-eligibility';
import type { PathwayFacts, ProviderFacts } from '../rules/facts';
import { reasonMessage } from '../rules/reason-messages';
import { referenceDataOf } from '../rules/reference-data-used';
import { inGracePeriod } from '../rules/rights-open';
import type { CoverageType } from '../types/coverage.type';
import type { EligibilityDecisionType } from '../types/eligibility-decision.type';
import { EligibilityOutcomeEnum } from '../types/eligibility-outcome';
import type { PaymentModeEnum } from '../types/payment-mode';
import type { EligibilityInput } from '../types/eligibility-input';
import { coveringOrganisms } from '../rules/covering-organisms';
import { COUNTED, NO_REGIME } from './coverage-indicators';
import type { CoverageRecord, CoverageStore } from './coverage-store';
import type { DecisionIdSealer, DecisionKey } from './decision-id';
import { RecentDecisions } from './recent-decisions';

/** The representation the gateway sends in hop 3: the key and the facts of hop 2. */
export interface DecisionReference {
  id: string;
  providerFacts?: ProviderFacts | null;
  pathwayFacts?: PathwayFacts | null;
}

/** Where hop 3 counts its decisions by day, outcome and regime (memory only; see `IndicatorCounter`). */
export interface DecisionCountSink {
  note(indicator: string, day: string, outcome: string, regime: string): void;
}

/** Where hop 1 notes the care relationships its checks show (memory only; see `CareRelationshipRecorder`). */
export interface CareRelationshipSink {
  note(personRef: string, org: string, lastCheckOn: string): void;
}

/**
 * Runs the two ends of an eligibility check: hop 1 validates the input and
 * identifies the person; hop 3 decides from the coverage and the facts the
 * other subgraphs contributed.
 */
export class EligibilityService {
  constructor(
    private readonly store: CoverageStore,
    private readonly sealer: DecisionIdSealer,
    private readonly config: Pick<BeneficiariesConfig, 'rules' | 'careDateWindow' | 'rulesVersion' | 'proofSecret'>,
    private readonly careRelationships: CareRelationshipSink | null = null,
    private readonly decisionCounts: DecisionCountSink | null = null,
    private readonly recent: RecentDecisions = new RecentDecisions(),
  ) {}

  /**
   * Hop 1: validates the input at the edge and identifies the person (one
   * indexed statement, which reads their coverage: the organisms covering
   * them go to the audit trail, `onPerson`, and the whole record is kept for
   * hop 3 on this replica, `RecentDecisions`). The calling establishment or
   * professional is sealed in the decision id: hop 3 opens its care
   * relationship if the check is ELIGIBLE (`relationshipOpenedBy`).
   */
  async identify(
    input: EligibilityInput,
    caller: Pick<Caller, 'org' | 'orgKind'> | null = null,
    now: Date = new Date(),
    onPerson?: (person: ServedPerson) => void,
  ): Promise<EligibilityDecisionType> {
    const nationalId = parseNationalId(input.nationalId);
    const providerInpe = parseInpe(input.providerInpe);
    const window = this.config.careDateWindow;
    const today = todayIn(window.timeZone, now);
    const careDate = input.date ? toIsoDate(input.date) : today;
    assertDateWithin(careDate, addDays(today, -window.maxDaysBack), addDays(today, window.maxDaysAhead));
    const careType = input.careType ?? CareType.CONSULTATION;
    const record = await this.store.findCoverageByNationalId(nationalId.value);
    const personRef = record?.person.ref ?? null;
    if (record) {
      onPerson?.({ ref: record.person.ref, nationalId: nationalId.value, organisms: coveringOrganisms(record.affiliations, today) });
    }
    const checkedBy = caller ? careGiverOrg(caller) : null;
    const checkedAt = now.toISOString();
    const key: DecisionKey = { personRef, providerInpe, careDate, careType, checkedAt, checkedBy };
    const id = this.sealer.seal(key);
    this.recent.keep(id, { key, record });
    return {
      id,
      personRef,
      // Care-pathways serves this person's pathway facts for this decision, to this caller, with it only.
      personRefProof: personRef
        ? issueDecisionProof(this.config.proofSecret, id, personRef, caller?.org ?? null, { providerInpe, careDate, careType })
        : null,
      providerInpe,
      careDate,
      careType,
      checkedAt,
      rulesVersion: this.config.rulesVersion,
    };
  }

  /**
   * Hop 3, batched: decides every referenced decision with the one rule
   * function. An ELIGIBLE check by an establishment or a professional that
   * gives care opens its care relationship: noted in memory, no write here.
   */
  async decide(
    references: readonly DecisionReference[],
    loadCoverage: (ref: string) => Promise<CoverageRecord | null>,
    caller: Pick<Caller, 'org' | 'orgKind' | 'language'> | null = null,
    now: Date = new Date(),
  ): Promise<(EligibilityDecisionType | null)[]> {
    return Promise.all(
      references.map(async (reference) => {
        // What this replica read in hop 1 of the check (kept seconds only), else the id opened, if recent, and the registry read again.
        const recent = this.recent.peek(reference.id);
        const key = recent?.key ?? this.sealer.open(reference.id, now.getTime());
        // Answered to the organisation that made the check only, as an unknown id otherwise.
        if (!key || (caller && !decisionAnsweredTo(caller, key.checkedBy))) return null;
        if (recent) this.recent.drop(reference.id);
        const record = recent ? recent.record : key.personRef ? await loadCoverage(key.personRef) : null;
        const pathway = reference.pathwayFacts ?? null;
        const decision = decideEligibility(
          {
            careDate: key.careDate,
            careType: key.careType,
            person: record ? { birthDate: record.person.birthDate } : null,
            affiliations: record?.affiliations ?? [],
            provider: reference.providerFacts ?? null,
            pathway,
          },
          this.config.rules,
        );
        const opened = caller
          ? relationshipOpenedBy(caller, { checkedBy: key.checkedBy, outcome: decision.outcome, provider: reference.providerFacts ?? null })
          : null;
        const today = todayIn(this.config.careDateWindow.timeZone, now);
        if (opened && key.personRef) this.careRelationships?.note(key.personRef, opened, today);
        // The regulator's daily count: the day, the outcome and the regime, nothing of the person or the asker.
        this.decisionCounts?.note(COUNTED.eligibilityChecks, today, decision.outcome, decision.coverage?.regime ?? NO_REGIME);
        const coverage: CoverageType | null =
          decision.coverage && decision.outcome !== EligibilityOutcomeEnum.PROVIDER_NOT_AUTHORIZED
            ? {
                organism: decision.coverage.organism,
                regime: decision.coverage.regime,
                role: decision.coverage.role,
                memberNumber: decision.coverage.memberNumber,
                validFrom: decision.coverage.validFrom,
                validUntil: decision.coverage.validUntil,
                inGracePeriod: inGracePeriod(decision.coverage, key.careDate),
                aldExemptions: decision.eligible ? (pathway?.aldExemptions ?? []) : [],
                coPaymentExempted: decision.eligible && (pathway?.aldExemptions.length ?? 0) > 0,
              }
            : null;
        return {
          id: reference.id,
          personRef: key.personRef,
          providerInpe: key.providerInpe,
          careDate: key.careDate,
          careType: key.careType as CareType,
          checkedAt: key.checkedAt,
          rulesVersion: this.config.rulesVersion,
          eligible: decision.eligible,
          outcome: decision.outcome as EligibilityOutcomeEnum,
          complete: decision.complete,
          reasons: decision.reasons.map((reason) => ({
            code: reason.code,
            rule: reason.rule,
            message: reasonMessage(reason, caller?.language ?? 'fr'),
            messageEn: reasonMessage(reason, 'en'),
            messageAr: reasonMessage(reason, 'ar'),
          })),
          coverage,
          conventioned: decision.conventioned,
          paymentMode: decision.paymentMode as PaymentModeEnum | null,
          referenceData: referenceDataOf(this.config.rulesVersion, reference.providerFacts ?? null, pathway),
        };
      }),
    );
  }
}

/** Raised when a decision id was not issued by this registry. */
export const unknownDecision = () => appError('NOT_FOUND');
