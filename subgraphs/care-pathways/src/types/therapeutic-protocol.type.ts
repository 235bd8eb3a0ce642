import { Public } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';

/** A therapeutic protocol (PT): the reference of the OGs' medical control of ALD care (no personal data). */
@ObjectType('TherapeuticProtocol')
@Public('reference data: a validated therapeutic protocol')
export class TherapeuticProtocolType {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  pathology!: string;

  @Field(() => String, { description: 'Label in French' })
  label!: string;

  @Field(() => String)
  version!: string;

  @Field(() => [String], { description: 'Molecules (DCI) the protocol names' })
  dci!: string[];
}
