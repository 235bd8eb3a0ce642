import { Scopes } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';

/** Why a decision was reached: a stable code, the rule, and messages in French, English and Arabic. */
@ObjectType('DecisionReason')
@Scopes({ anyOf: ['eligibility:check'], sensitivity: 'COVERAGE' })
export class DecisionReasonType {
  @Field(() => String)
  code!: string;

  @Field(() => String, { description: 'Rule of the eligibility rule book (R1..R16)' })
  rule!: string;

  @Field(() => String, { description: 'Message in French' })
  message!: string;

  @Field(() => String)
  messageEn!: string;

  @Field(() => String)
  messageAr!: string;
}
