import { Public, Scopes } from '@cmb/kit';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, Int, ObjectType } from 'type-graphql';
import { PersonType } from './person.type';

/** What a refused row declared, only where it differs from the registry (the other fields are null). */
@ObjectType('SubmittedIdentity')
@Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'IDENTITY' })
export class SubmittedIdentityType {
  @Field(() => String, { nullable: true })
  firstName!: string | null;

  @Field(() => String, { nullable: true })
  lastName!: string | null;

  @Field(() => DateResolver, { nullable: true })
  birthDate!: string | null;

  @Field(() => String, { nullable: true })
  sex!: string | null;
}

/** A batch row refused with IDENTITY_CONFLICT, queued for ANAM's review. */
@ObjectType('IdentityConflict')
@Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'IDENTITY' })
export class IdentityConflictType {
  @Field(() => ID)
  id!: string;

  @Field(() => PersonType, { description: "The registry's person with that national id, and the identity the registry keeps" })
  person!: PersonType;

  /** Internal: the person the row named. */
  personRef!: string;

  @Field(() => String, { description: 'The OG whose batch carried the row' })
  organism!: string;

  @Field(() => String, { description: "The batch's idempotency key" })
  idempotencyKey!: string;

  @Field(() => Int, { description: 'Position of the row in its batch' })
  rowIndex!: number;

  @Field(() => [String], { description: 'The fields that differ: firstName, lastName, birthDate, sex' })
  differs!: string[];

  @Field(() => SubmittedIdentityType)
  submitted!: SubmittedIdentityType;

  @Field(() => DateTimeResolver)
  receivedAt!: string;
}

/** A page of the review queue, newest first. */
@ObjectType('IdentityConflictConnection')
@Public('pagination: cursor and flag; the conflicts it lists are classified field by field')
export class IdentityConflictConnectionType {
  @Field(() => [IdentityConflictType])
  nodes!: IdentityConflictType[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

/** Arguments of `identityConflicts`. */
@ArgsType()
export class IdentityConflictsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  after?: string | null;
}
