import { Public } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';

/**
 * One copy of reference data an answer was made from: which version, as of
 * which day, and whether the copy is older than its configured age (the INPE
 * registry reaches the OGs every five working days,
 * seeds/001_225b0d72771d4c3f.txt:L921).
 */
@ObjectType('ReferenceDataVersion')
@Public('versions of reference data, the same for every person')
export class ReferenceDataVersionType {
  @Field(() => String, { description: 'inpe-registry, eligibility-rules, pathway-rules, ...' })
  copy!: string;

  @Field(() => String)
  version!: string;

  @Field(() => DateResolver, { nullable: true, description: 'The day the source was extracted (INPE) or took effect; null when not dated' })
  asOf!: string | null;

  @Field(() => Boolean, { description: 'The copy is older than its configured age: the answer may miss recent changes' })
  stale!: boolean;
}
