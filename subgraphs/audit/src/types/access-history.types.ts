import { Public, Scopes } from '@cmb/kit';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { AccessingOrganisationType } from './accessing-organisation.type';
import { AuditPageInfoType } from './audit-connection.types';
import { AuditDecisionValue } from './enums';

/**
 * One access to the signed-in person's data: when, by which organisation,
 * for what purpose, and what became of it. Who in the organisation, and with
 * which software, stay with the officers.
 */
@ObjectType('AccessHistoryEntry')
@Scopes({ anyOf: ['audit:read'], sensitivity: 'HEALTH' })
export class AccessHistoryEntryType {
  @Field(() => ID, { description: 'The audit event, to name it to the CNDP or the insurer when contesting an access' })
  @Public('audit bookkeeping: a random event id')
  eventId!: string;

  @Field(() => DateTimeResolver)
  occurredAt!: Date;

  @Field(() => AccessingOrganisationType, { nullable: true })
  organisation!: AccessingOrganisationType | null;

  @Field(() => [String], { description: 'Why: the purposes the organisation acted under' })
  purposes!: string[];

  @Field(() => AuditDecisionValue)
  decision!: AuditDecisionValue;

  @Field(() => Boolean, { description: 'An emergency access past the care relationship and the consent (reviewed by the officers)' })
  breakGlass!: boolean;
}

/** One entry of the history, with the cursor to resume after it. */
@ObjectType('AccessHistoryEdge')
@Scopes({ anyOf: ['audit:read'], sensitivity: 'HEALTH' })
export class AccessHistoryEdgeType {
  @Field(() => String)
  @Public('pagination bookkeeping: an opaque cursor')
  cursor!: string;

  @Field(() => AccessHistoryEntryType)
  node!: AccessHistoryEntryType;
}

/** A page of the person's access history, newest first. */
@ObjectType('AccessHistoryConnection')
@Scopes({ anyOf: ['audit:read'], sensitivity: 'HEALTH' })
export class AccessHistoryConnectionType {
  @Field(() => [AccessHistoryEdgeType])
  edges!: AccessHistoryEdgeType[];

  @Field(() => AuditPageInfoType)
  @Public('pagination bookkeeping: no personal data')
  pageInfo!: AuditPageInfoType;
}
