import { Field, InputType } from 'type-graphql';

/** Criteria of the `providers` listing; codes come from the reference lists, every field is optional. */
@InputType('ProviderFilter')
export class ProviderFilter {
  @Field(() => String, { nullable: true, description: 'Region code (CSE, FME, RSK, ...)' })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'Category code (GENERAL_PRACTITIONER, PHARMACY, ...)' })
  category?: string | null;

  @Field(() => String, { nullable: true, description: 'PROFESSIONAL or ESTABLISHMENT' })
  kind?: string | null;

  @Field(() => String, { nullable: true, description: 'ACTIVE, SUSPENDED or CLOSED' })
  status?: string | null;

  @Field(() => String, { nullable: true, description: 'Text the name contains, case-insensitive' })
  nameContains?: string | null;
}
