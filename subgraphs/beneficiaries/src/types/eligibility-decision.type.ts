import { CareType, Public, Scopes, PathwayFactsType, ProviderFactsType } from '@cmb/kit';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CoverageType } from './coverage.type';
import { DecisionReasonType } from './decision-reason.type';
import { EligibilityOutcomeEnum } from './eligibility-outcome';
import { PaymentModeEnum } from './payment-mode';
import { ReferenceDataVersionType } from './reference-data-version.type';

/** The facts of hop 2 that the final decision requires. */
export const DECISION_REQUIRES =
  '@requires(fields: "providerFacts { registered active givesCare conventions { organism careType paymentMode } registryVersion registryAsOf registryStale } pathwayFacts { pcsApplies compliant penalty aldExemptions referenceVersion }")';

/**
 * An eligibility decision. Hop 1 (this subgraph) identifies the person; hop 2
 * (providers, care-pathways) contributes facts; hop 3 (this subgraph again)
 * decides from them with the one rule function.
 */
@ObjectType('EligibilityDecision')
@Directive('@key(fields: "id")')
@Scopes({ anyOf: ['eligibility:check'], sensitivity: 'COVERAGE' })
export class EligibilityDecisionType {
  @Field(() => ID, { description: 'Opaque: encodes no national id' })
  id!: string;

  @Field(() => String, { nullable: true })
  @Directive('@inaccessible')
  personRef!: string | null;

  /**
   * Proof that `personRef` comes from this check, by this organisation
   * (`issueDecisionProof`): care-pathways serves the person's pathway facts
   * for a decision only with it. Internal to the federation; set at hop 1.
   */
  @Field(() => String, { nullable: true })
  @Directive('@inaccessible')
  personRefProof?: string | null;

  @Field(() => String)
  providerInpe!: string;

  @Field(() => DateResolver)
  careDate!: string;

  @Field(() => CareType)
  careType!: CareType;

  @Field(() => DateTimeResolver)
  checkedAt!: string;

  @Field(() => String, { description: 'Version of the eligibility reference data the decision used' })
  @Public('version of the reference data, the same for every person')
  rulesVersion!: string;

  @Field(() => ProviderFactsType, { nullable: true })
  @Directive('@external')
  providerFacts?: ProviderFactsType | null;

  @Field(() => PathwayFactsType, { nullable: true })
  @Directive('@external')
  pathwayFacts?: PathwayFactsType | null;

  @Field(() => Boolean)
  @Directive(DECISION_REQUIRES)
  eligible?: boolean;

  @Field(() => EligibilityOutcomeEnum)
  @Directive(DECISION_REQUIRES)
  outcome?: EligibilityOutcomeEnum;

  @Field(() => [DecisionReasonType])
  @Directive(DECISION_REQUIRES)
  reasons?: DecisionReasonType[];

  @Field(() => Boolean, { description: 'False when a check could not be made because a service was unavailable' })
  @Directive(DECISION_REQUIRES)
  complete?: boolean;

  @Field(() => CoverageType, { nullable: true })
  @Directive(DECISION_REQUIRES)
  @Scopes({ anyOf: ['eligibility:check', 'beneficiary:read'], sensitivity: 'COVERAGE' })
  coverage?: CoverageType | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "ELIGIBLE only: the provider holds a national convention in force on the day of care with the person's own OG (R7); null otherwise or when the provider check could not be made",
  })
  @Directive(DECISION_REQUIRES)
  conventioned?: boolean | null;

  @Field(() => PaymentModeEnum, {
    nullable: true,
    description:
      "ELIGIBLE only: how the person's OG pays for this care at this provider, from the reference data per provider, OG and care type (R7); DIRECT without a convention with the OG",
  })
  @Directive(DECISION_REQUIRES)
  paymentMode?: PaymentModeEnum | null;

  @Field(() => [ReferenceDataVersionType], {
    description:
      'The copies of reference data the decision used (INPE registry, eligibility rules, pathway rules), their versions and whether each is stale',
  })
  @Directive(DECISION_REQUIRES)
  referenceData?: ReferenceDataVersionType[];
}
