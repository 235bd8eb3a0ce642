import { registerEnumType } from 'type-graphql';

/** What became of an access (the gateway's decision). */
export enum AuditDecisionValue {
  ALLOWED = 'ALLOWED',
  REFUSED = 'REFUSED',
  BREAK_GLASS = 'BREAK_GLASS',
}

registerEnumType(AuditDecisionValue, {
  name: 'AuditDecision',
  description: 'ALLOWED, REFUSED, or BREAK_GLASS (served past the care relationship and the consent, in an emergency)',
});

/** Where an event stands in an operation. */
export enum AuditStageValue {
  ACCESS = 'ACCESS',
  INTENT = 'INTENT',
  OUTCOME = 'OUTCOME',
}

registerEnumType(AuditStageValue, {
  name: 'AuditStage',
  description:
    "ACCESS (a query's one event), INTENT (a mutation about to run, committed before any subgraph is called), OUTCOME (what became of a mutation, linked to its intent)",
});

/** An officer's finding on a break-glass access. */
export enum BreakGlassVerdictValue {
  JUSTIFIED = 'JUSTIFIED',
  UNJUSTIFIED = 'UNJUSTIFIED',
}

registerEnumType(BreakGlassVerdictValue, { name: 'BreakGlassVerdict', description: 'JUSTIFIED or UNJUSTIFIED' });

/** What an anomaly report flags. */
export enum AuditAnomalyKindValue {
  VOLUME_ABOVE_BASELINE = 'VOLUME_ABOVE_BASELINE',
  OFF_HOURS_ACCESS = 'OFF_HOURS_ACCESS',
  REFUSED_BURST = 'REFUSED_BURST',
}

registerEnumType(AuditAnomalyKindValue, {
  name: 'AuditAnomalyKind',
  description:
    "VOLUME_ABOVE_BASELINE (far more distinct persons in a day than the client's own baseline), OFF_HOURS_ACCESS (22:00 to 06:00 Africa/Casablanca), REFUSED_BURST (many refusals within minutes)",
});
