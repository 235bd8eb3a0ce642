import { DateTimeResolver } from 'graphql-scalars';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { AuditDecisionValue } from './enums';

/** What officers filter the trail on; every given criterion must hold. */
@InputType('AuditEventFilter')
export class AuditEventFilter {
  @Field(() => String, {
    nullable: true,
    description: "A person's national id: hashed with every pseudonymisation key version, so events from before a key rotation are found",
  })
  nationalId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "A person's opaque ref: hashed with every pseudonymisation key version, like a national id",
  })
  personRef?: string | null;

  @Field(() => String, { nullable: true })
  clientId?: string | null;

  @Field(() => String, { nullable: true, description: 'An INPE, CNSS, CNOPS, ANAM, CNDP, PATIENT_PORTAL' })
  organisation?: string | null;

  @Field(() => String, { nullable: true, description: 'One purpose of the realm, e.g. eligibility:check' })
  purpose?: string | null;

  @Field(() => String, { nullable: true })
  operationName?: string | null;

  @Field(() => AuditDecisionValue, { nullable: true })
  decision?: AuditDecisionValue | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Inclusive' })
  from?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Exclusive' })
  to?: Date | null;
}

/** Default page size of the audit listings: part of the contract (`first: Int = 50`). */
export const DEFAULT_PAGE_SIZE = 50;

/** `first` and `after` of a listing. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: '1 to 200' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  after?: string | null;
}

/** Arguments of `auditEvents`, in the order of the contract. */
@ArgsType()
export class AuditEventsArgs {
  @Field(() => AuditEventFilter, { nullable: true })
  filter?: AuditEventFilter | null;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: '1 to 200' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  after?: string | null;
}

/** Arguments of `auditAnomalies`: a window of at most 31 days. */
@ArgsType()
export class AnomalyWindowArgs {
  @Field(() => DateTimeResolver, { description: 'Inclusive' })
  from!: Date;

  @Field(() => DateTimeResolver, { description: 'Exclusive' })
  to!: Date;
}
