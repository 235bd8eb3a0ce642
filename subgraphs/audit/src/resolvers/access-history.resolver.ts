import { isInpe, appError, Scopes } from '@cmb/kit';
import type { StoredEventRow } from '@cmb/audit-store';
import { Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { AuditContext } from '../context';
import { organisationView } from '../rules/accessing-organisation';
import { signedInNationalId } from '../rules/caller-roles';
import { parsePage } from '../rules/edge-validation';
import { pageOf } from '../services/pages';
import { AccessHistoryConnectionType, type AccessHistoryEntryType } from '../types/access-history.types';
import { AccessingOrganisationType } from '../types/accessing-organisation.type';
import { PageArgs } from '../types/audit-event-filter';
import { AuditDecisionValue } from '../types/enums';

/** One event as the person reads it: no client, no user, no clerk; the organisation by code, named by federation. */
function historyEntry(row: StoredEventRow): AccessHistoryEntryType {
  return {
    eventId: row.eventId,
    occurredAt: new Date(row.occurredAt),
    organisation: row.org ? { code: row.org, registryEntry: isInpe(row.org) ? { inpe: row.org } : null } : null,
    purposes: row.purposes,
    decision: row.decision as AuditDecisionValue,
    breakGlass: row.decision === AuditDecisionValue.BREAK_GLASS,
  };
}

/** The insured person's own access history, for the patient portal. */
@Resolver(() => AccessingOrganisationType)
export class AccessHistoryResolver {
  @Query(() => AccessHistoryConnectionType, {
    description:
      "Who accessed the signed-in insured person's data, newest first: every access (allowed, refused, break-glass) whose subjects include the person under any key version, except their own portal's. Only for the patient portal.",
  })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'HEALTH' })
  async myAccessHistory(@Args(() => PageArgs) args: PageArgs, @Ctx() context: AuditContext): Promise<AccessHistoryConnectionType> {
    const nationalId = signedInNationalId(context.caller);
    if (!nationalId) throw appError('ACCESS_HISTORY_PATIENT_ONLY');
    const page = parsePage(args.first, args.after, context.rules.pages);
    const criteria = {
      subjects: context.keyring.pseudonymsOf(nationalId),
      excludeClientIds: context.rules.accessHistory.excludedClientIds,
    };
    return pageOf(await context.trail.history(criteria, page), historyEntry);
  }

  @FieldResolver(() => String, {
    description:
      "The organisation's name: an establishment's or professional's from the INPE registry, else from the versioned list of organisations",
  })
  @Directive('@requires(fields: "registryEntry { name kind }")')
  name(@Root() organisation: AccessingOrganisationType, @Ctx() context: AuditContext): string {
    return organisationView(organisation.code, organisation.registryEntry, context.rules.organisations.entries).name;
  }

  @FieldResolver(() => String, {
    description:
      'ESTABLISHMENT or PROFESSIONAL (INPE registry), OG, REGULATOR, DPA; PROVIDER for an INPE code the registry does not answer for',
  })
  @Directive('@requires(fields: "registryEntry { kind }")')
  kind(@Root() organisation: AccessingOrganisationType, @Ctx() context: AuditContext): string {
    return organisationView(organisation.code, organisation.registryEntry, context.rules.organisations.entries).kind;
  }
}
