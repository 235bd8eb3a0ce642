import { Scopes } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';

/**
 * Why a decision was reached: a stable code, the rule, and a message in the
 * asker's language (`Accept-Language`: French by default, Arabic, English),
 * like errors. The codes never change with the language.
 */
@ObjectType('DecisionReason')
@Scopes({ anyOf: ['eligibility:check'], sensitivity: 'COVERAGE' })
export class DecisionReasonType {
  @Field(() => String)
  code!: string;

  @Field(() => String, { description: 'Rule of the eligibility rule book (R1..R16)' })
  rule!: string;

  @Field(() => String, { description: 'Message in the language of Accept-Language (fr, ar, en; French by default)' })
  message!: string;

  @Field(() => String, { deprecationReason: 'Use message with Accept-Language: en. Removed in the release after 0.5.0.' })
  messageEn!: string;

  @Field(() => String, { deprecationReason: 'Use message with Accept-Language: ar. Removed in the release after 0.5.0.' })
  messageAr!: string;
}
