import { Public, Scopes } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';

/** What an admission desk learns of the person's pathway for the care being checked. */
@ObjectType('PathwayStatus')
@Scopes({ anyOf: ['eligibility:check', 'pathway:read'], sensitivity: 'HEALTH' })
export class PathwayStatusType {
  @Field(() => String, { nullable: true, description: 'INPE of the referring doctor declared for the day of care' })
  referringDoctorInpe!: string | null;

  @Field(() => Boolean, { description: 'False only when the coordinated pathway applies and the care does not respect it' })
  inPathway!: boolean;

  @Field(() => Boolean, { description: 'The coordinated care pathway (PCS) applies to this person, day and care type' })
  pcsApplies!: boolean;

  @Field(() => [String], {
    description: 'Long-term illness (ALD/ALC) exemptions valid on the day of care: diagnoses, for care-pathway readers only',
  })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  aldExemptions!: string[];

  @Field(() => [String], {
    description: "Therapeutic protocol codes for the person's long-term illnesses: health data, for care-pathway readers only",
  })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  protocols!: string[];

  @Field(() => Boolean, { description: "The care type needs the OG's prior approval" })
  priorApprovalRequired!: boolean;

  @Field(() => Boolean, { description: 'A granted prior approval for this care type is valid on the day of care' })
  priorApprovalGranted!: boolean;

  @Field(() => String, { description: 'Versions of the reference lists the status was computed from' })
  @Public('versions of the reference lists, the same for every person')
  referenceVersion!: string;
}
