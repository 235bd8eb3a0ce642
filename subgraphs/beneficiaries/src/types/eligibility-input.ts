import { CareType } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';

/** What an admission desk sends to check a person's rights. */
@InputType('EligibilityInput')
export class EligibilityInput {
  @Field(() => String, { description: 'CIN, or the social identifier for minors; the scheme is recognised from the form' })
  nationalId!: string;

  @Field(() => String, { description: 'INPE of the professional or establishment giving the care' })
  providerInpe!: string;

  @Field(() => DateResolver, { nullable: true, description: 'Day of care; today in Africa/Casablanca when absent' })
  date?: Date | string | null;

  @Field(() => CareType, { nullable: true, defaultValue: CareType.CONSULTATION })
  careType?: CareType;
}
