import { appError, Scopes } from '@cmb/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { AuditContext } from '../context';
import { anomalyDetail } from '../rules/anomaly-detail';
import { officerScope } from '../rules/caller-roles';
import { anomalyWindow } from '../rules/edge-validation';
import { rootFieldCount } from '../rules/root-field-count';
import { AuditAnomalyType } from '../types/audit-anomaly.type';
import { AnomalyWindowArgs } from '../types/audit-event-filter';
import type { AuditAnomalyKindValue } from '../types/enums';

/** Anomaly reports for the officers. */
@Resolver(() => AuditAnomalyType)
export class AuditAnomalyResolver {
  @Query(() => [AuditAnomalyType], {
    description:
      "Anomalies of a window of at most 31 days: a client reading far more distinct persons in a day than its own daily average over the 28 days before (VOLUME_ABOVE_BASELINE), accesses between 22:00 and 06:00 Africa/Casablanca (OFF_HOURS_ACCESS), bursts of refusals (REFUSED_BURST); over an insurer's own members' and staff's events for its officer",
  })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'PROFESSIONAL' })
  async auditAnomalies(
    @Args(() => AnomalyWindowArgs) args: AnomalyWindowArgs,
    @Ctx() context: AuditContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AuditAnomalyType[]> {
    const settings = context.rules.anomalies;
    const officer = officerScope(context.caller, context.rules.officers);
    if (!officer) throw appError('AUDIT_OFFICERS_ONLY');
    // A report runs three aggregations: an operation asking several (aliases, fragments) is refused whole, none of them run.
    const reports = rootFieldCount({ ...info, rootTypeName: info.parentType.name }, info.fieldName);
    if (reports > settings.maxPerOperation) throw appError('AUDIT_ANOMALIES_ONE_PER_OPERATION', { max: settings.maxPerOperation });
    const window = anomalyWindow(args.from, args.to, settings.maxWindowDays);
    // An insurer's officer: the anomalies of its own members' and staff's events only.
    const anomalies = await context.trail.anomalies(window, officer.scope);
    return anomalies.map((anomaly) => {
      const detail = anomalyDetail(anomaly, settings);
      return {
        kind: anomaly.kind as AuditAnomalyKindValue,
        clientId: anomaly.clientId,
        organisation: anomaly.org,
        windowStart: new Date(anomaly.windowStart),
        windowEnd: new Date(anomaly.windowEnd),
        observed: anomaly.observed,
        baseline: anomaly.baseline,
        threshold: anomaly.threshold,
        detail: detail.fr,
        detailEn: detail.en,
      };
    });
  }
}
