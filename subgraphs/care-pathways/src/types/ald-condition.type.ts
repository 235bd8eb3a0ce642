import { Public } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';

/** An entry of the ALD/ALC reference list (no personal data). */
@ObjectType('AldCondition')
@Public('reference data: an entry of the ALD/ALC list')
export class AldConditionType {
  @Field(() => String)
  code!: string;

  @Field(() => String, { description: 'Label in French' })
  label!: string;

  @Field(() => String, { description: 'ALD (long-term) or ALC (heavy and costly)' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Pathology of the therapeutic protocols that apply, when one exists' })
  pathology!: string | null;

  @Field(() => String, { description: 'Version of the ALD list' })
  listVersion!: string;
}
