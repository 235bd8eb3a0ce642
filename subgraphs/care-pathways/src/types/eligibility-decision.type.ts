import { CareType, Scopes, PathwayFactsType, ProviderFactsType } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PathwayStatusType } from './pathway-status.type';

/**
 * What the pathway needs of the decision: its input fields (owned by
 * beneficiaries), and the asking provider's registry facts (owned by
 * providers), so that a provider the registry refuses (R6) is shown no
 * pathway. Both fields read them, so hop 2 stays one fetch, after the
 * provider's facts (answered from the gateway's shared answers once the
 * provider has checked).
 */
export const PATHWAY_REQUIRES =
  '@requires(fields: "personRef personRefProof providerInpe careDate careType providerFacts { registered active }")';

/**
 * The eligibility decision, owned by beneficiaries, extended here with the
 * pathway: hop 2 of the eligibility check contributes `pathwayFacts` (read
 * by beneficiaries' rule) and `pathway` (shown to the desk).
 */
@ObjectType('EligibilityDecision')
@Directive('@key(fields: "id")')
export class EligibilityDecisionType {
  @Field(() => ID)
  id!: string;

  /**
   * Hidden from clients by beneficiaries' own `@inaccessible`; Federation
   * refuses `@inaccessible` on an `@external` field, so it is not repeated here.
   */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  personRef!: string | null;

  /** Proof that `personRef` comes from the caller's own check (beneficiaries, hop 1); internal, `@inaccessible` there. */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  personRefProof?: string | null;

  @Field(() => String)
  @Directive('@external')
  providerInpe!: string;

  @Field(() => DateResolver)
  @Directive('@external')
  careDate!: string;

  @Field(() => CareType)
  @Directive('@external')
  careType!: CareType;

  /** The asking provider's registry facts (providers, hop 2); null when providers did not answer. Internal, `@inaccessible` there. */
  @Field(() => ProviderFactsType, { nullable: true })
  @Directive('@external')
  providerFacts?: ProviderFactsType | null;

  @Field(() => PathwayFactsType, { nullable: true })
  @Directive(PATHWAY_REQUIRES)
  @Directive('@inaccessible')
  pathwayFacts!: PathwayFactsType | null;

  @Field(() => PathwayStatusType, { nullable: true })
  @Directive(PATHWAY_REQUIRES)
  @Scopes({ anyOf: ['eligibility:check', 'pathway:read'], sensitivity: 'HEALTH' })
  pathway!: PathwayStatusType | null;
}
