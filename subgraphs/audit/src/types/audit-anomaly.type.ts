import { Scopes } from '@cmb/kit';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AuditAnomalyKindValue } from './enums';

/** A flagged behaviour of one client (and organisation) over a stretch of time: professionals' data. */
@ObjectType('AuditAnomaly')
@Scopes({ anyOf: ['audit:read'], sensitivity: 'PROFESSIONAL' })
export class AuditAnomalyType {
  @Field(() => AuditAnomalyKindValue)
  kind!: AuditAnomalyKindValue;

  @Field(() => String)
  clientId!: string;

  @Field(() => String, { nullable: true })
  organisation!: string | null;

  @Field(() => DateTimeResolver, {
    description: 'Start of the flagged stretch: the day (volume), the first night access, the first refusal of the burst',
  })
  windowStart!: Date;

  @Field(() => DateTimeResolver, { description: 'Its end: the end of the day, the last night access, the last refusal of the burst' })
  windowEnd!: Date;

  @Field(() => Int, { description: 'Distinct persons read (volume), accesses at night, refusals in the burst' })
  observed!: number;

  @Field(() => Float, {
    nullable: true,
    description: "Volume only: the client's daily average of distinct persons over the days before the window",
  })
  baseline!: number | null;

  @Field(() => Float, { description: 'The value observed reached or passed' })
  threshold!: number;

  @Field(() => String, { description: 'What was seen, in French' })
  detail!: string;

  @Field(() => String, { description: 'What was seen, in English' })
  detailEn!: string;
}
