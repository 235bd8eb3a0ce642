import { Public, Scopes } from '@cmb/kit';
import { DateTimeResolver, SafeIntResolver } from 'graphql-scalars';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { AuditDecisionValue, AuditStageValue } from './enums';

/**
 * One access to personal data as the gateway recorded it: who (client,
 * user, organisation), why (purposes), what (operation, field paths), whose
 * (the persons' pseudonyms, never a national id), what became of it, and its
 * place in its writer's hash chain. Never the data itself. Which organisation
 * read whose record reveals care relationships: health data. An entity, so
 * that medical-records adds the justification of a break-glass access
 * (`breakGlassJustification`, ANAM's officers only). No event is served by
 * reference (`_entities`): events are reached through the officers' queries
 * only, with their row rules.
 */
@ObjectType('AuditEvent')
@Directive('@key(fields: "eventId")')
@Scopes({ anyOf: ['audit:read'], sensitivity: 'HEALTH' })
export class AuditEventType {
  @Field(() => ID)
  @Public('audit bookkeeping: a random event id')
  eventId!: string;

  @Field(() => DateTimeResolver)
  occurredAt!: Date;

  @Field(() => String, { description: "The gateway's request id" })
  @Public('audit bookkeeping: a request id')
  requestId!: string;

  @Field(() => String, { nullable: true, description: "The access token's id (jti)" })
  @Public('audit bookkeeping: a token id')
  tokenId!: string | null;

  @Field(() => String, { description: 'The realm client (software) that acted' })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'PROFESSIONAL' })
  clientId!: string;

  @Field(() => String, { nullable: true, description: 'The end user, when a person (not a service account) was signed in' })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'PROFESSIONAL' })
  userId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The organisation: an establishment's or professional's INPE, CNSS, CNOPS, ANAM, CNDP, PATIENT_PORTAL",
  })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'PROFESSIONAL' })
  organisation!: string | null;

  @Field(() => [String], { description: 'The purposes the token was issued for' })
  purposes!: string[];

  @Field(() => String, { nullable: true })
  operationName!: string | null;

  @Field(() => String, { description: 'SHA-256 of the operation text' })
  @Public('audit bookkeeping: a hash of the operation text')
  operationHash!: string;

  @Field(() => [String], {
    description: "The personal-data field paths served (schema names, never a client's alias); for an intent, those asked for",
  })
  fieldPaths!: string[];

  @Field(() => [String], { description: 'The field paths refused (by the gateway or a subgraph), apart from those served' })
  refusedFieldPaths!: string[];

  @Field(() => [String], {
    description:
      'Keyed hashes (pseudonyms) of the national ids concerned, named in the operation or of the persons served; search them with filter.nationalId',
  })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'IDENTITY' })
  subjects!: string[];

  @Field(() => [String], {
    description:
      'Keyed hashes (the same key) of the refs of the persons served or changed, whatever the way in; search them with filter.personRef',
  })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'IDENTITY' })
  subjectRefs!: string[];

  @Field(() => [String], { description: 'The organisms (OGs) covering the persons concerned when the event was written' })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'COVERAGE' })
  organisms!: string[];

  @Field(() => AuditStageValue, { description: 'ACCESS (a query), INTENT (a mutation about to run), OUTCOME (what became of it)' })
  @Public('audit bookkeeping: the stage of an operation')
  stage!: AuditStageValue;

  @Field(() => ID, { nullable: true, description: 'For an OUTCOME: the eventId of its INTENT' })
  @Public('audit bookkeeping: a random event id')
  intentEventId!: string | null;

  @Field(() => String, { description: 'Version of the pseudonymisation key that hashed the subjects' })
  @Public('audit bookkeeping: a key version')
  pseudonymKey!: string;

  @Field(() => AuditDecisionValue)
  decision!: AuditDecisionValue;

  @Field(() => String, { description: 'OK or the first error code' })
  outcome!: string;

  @Field(() => [String], { description: 'The subgraphs the gateway called' })
  @Public('audit bookkeeping: subgraph names')
  subgraphs!: string[];

  @Field(() => Float)
  @Public('audit bookkeeping: a duration')
  latencyMs!: number;

  @Field(() => String, { description: 'The hash chain (gateway) that holds the event' })
  @Public('audit bookkeeping: a chain name')
  writerId!: string;

  @Field(() => SafeIntResolver, { description: 'Place in its chain: 1, 2, 3, ...' })
  @Public('audit bookkeeping: a chain position')
  position!: number;

  @Field(() => String, { description: 'SHA-256 chain link over the previous link and the event' })
  @Public('audit bookkeeping: a chain hash')
  hash!: string;
}
