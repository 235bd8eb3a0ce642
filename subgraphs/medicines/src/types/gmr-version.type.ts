import { Public } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';

/** One published version of the GMR; ANAM published 9 in 2022 (seeds/001_225b0d72771d4c3f.txt:L443). */
@ObjectType('GmrVersion')
@Public('GMR reference data: a version of the guide published by ANAM')
export class GmrVersionType {
  @Field(() => String, { description: 'e.g. GMR-2026-03' })
  code!: string;

  @Field(() => DateResolver)
  publishedOn!: string;

  @Field(() => DateResolver)
  validFrom!: string;

  @Field(() => DateResolver, { nullable: true, description: 'Null while the version is open' })
  validUntil!: string | null;

  @Field(() => Boolean, { description: 'The version valid today (Africa/Casablanca)' })
  current!: boolean;

  @Field(() => Int, { description: 'Medicine packs listed in the version' })
  medicineCount!: number;
}
