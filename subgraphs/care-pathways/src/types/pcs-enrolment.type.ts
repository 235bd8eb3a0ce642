import { Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/** A person's enrolment in a coordinated care pathway (PCS). */
@ObjectType('PcsEnrolment')
@Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
export class PcsEnrolmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Managing organism (OG)' })
  organism!: string;

  @Field(() => String)
  regime!: string;

  @Field(() => String, { description: 'Region code (FME, CSE, ...)' })
  regionCode!: string;

  @Field(() => String, { description: 'ALD code of the pathology the pathway follows' })
  pathologyCode!: string;

  @Field(() => String)
  referringDoctorInpe!: string;

  @Field(() => DateResolver)
  validFrom!: string;

  @Field(() => DateResolver, { nullable: true })
  validUntil!: string | null;
}
