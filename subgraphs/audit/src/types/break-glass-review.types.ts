import { Public, Scopes } from '@cmb/kit';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { BreakGlassVerdictValue } from './enums';

/**
 * An officer's review of a break-glass access: final (the table is
 * append-only, one review per event). The comment may describe the person's
 * situation: health data.
 */
@ObjectType('BreakGlassReview')
@Scopes({ anyOf: ['audit:read'], sensitivity: 'HEALTH' })
export class BreakGlassReviewType {
  @Field(() => ID, { description: 'The reviewed audit event' })
  @Public('audit bookkeeping: the id of an audit event')
  eventId!: string;

  @Field(() => BreakGlassVerdictValue)
  verdict!: BreakGlassVerdictValue;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => String, { description: "The reviewing officer's user id (else the client id)" })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'PROFESSIONAL' })
  reviewer!: string;

  @Field(() => String, { nullable: true, description: "The reviewer's organisation" })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'PROFESSIONAL' })
  reviewerOrganisation!: string | null;

  @Field(() => DateTimeResolver)
  reviewedAt!: Date;
}

/** What an officer records on a break-glass access. */
@InputType('ReviewBreakGlassAccessInput')
export class ReviewBreakGlassAccessInput {
  @Field(() => ID, { description: 'eventId of a BREAK_GLASS audit event' })
  eventId!: string;

  @Field(() => BreakGlassVerdictValue)
  verdict!: BreakGlassVerdictValue;

  @Field(() => String, { nullable: true, description: 'Why (at most 2,000 characters)' })
  comment?: string | null;
}
