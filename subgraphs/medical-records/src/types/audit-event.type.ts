import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * An audit event, owned by the audit subgraph. This subgraph contributes the
 * justification of a break-glass access (`breakGlassJustification`), which it
 * keeps and the trail never holds; it requires the event's `requestId` and
 * `clientId`, the key of its `break_glass_access` rows.
 */
@ObjectType('AuditEvent')
@Directive('@key(fields: "eventId")')
export class AuditEventType {
  @Field(() => ID)
  eventId!: string;

  @Field(() => String)
  @Directive('@external')
  requestId?: string;

  @Field(() => String)
  @Directive('@external')
  clientId?: string;
}
