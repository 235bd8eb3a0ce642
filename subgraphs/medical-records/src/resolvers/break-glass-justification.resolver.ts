import { appError, notePersons, Scopes } from '@cmb/kit';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { MedicalRecordsContext } from '../context';
import { mayReadJustification } from '../rules/justification-readers';
import { AuditEventType } from '../types/audit-event.type';

/** The written justification of a break-glass access, for ANAM's officers reviewing it. */
@Resolver(() => AuditEventType)
export class BreakGlassJustificationResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "What the establishment wrote when it broke the glass (kept by medical-records, never logged, never in the trail); null for an event that broke no glass. ANAM's security officers only, in the review queue; refused to everyone else (FORBIDDEN).",
  })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'HEALTH' })
  @Directive('@requires(fields: "requestId clientId")')
  async breakGlassJustification(@Root() event: AuditEventType, @Ctx() context: MedicalRecordsContext): Promise<string | null> {
    if (!mayReadJustification(context.caller, context.access.justificationReaders)) throw appError('BREAK_GLASS_JUSTIFICATION_ANAM_ONLY');
    if (!event.requestId || !event.clientId) return null;
    // Filed under the event's id (the gateway's); the request id and the client find rows written before it was kept.
    const filed = await context.justifications.load({ eventId: event.eventId, requestId: event.requestId, clientId: event.clientId });
    // The words are health data about the persons whose records were opened: the officer's read is theirs in the trail.
    notePersons(context, filed?.personRefs ?? []);
    return filed?.text ?? null;
  }
}
