import { notePersons, providerRefused } from '@cmb/kit';
import type { CarePathwaysContext } from '../context';
import type { DecisionRepresentation } from '../services/pathway-service';
import { emptyPathwayRecord } from '../services/pathway-store';
import type { EligibilityDecisionType } from '../types/eligibility-decision.type';

/**
 * Hop 2: the pathway facts and status of a decision from its required input
 * fields, for a person reference proven to come from the caller's own check. Record lookups are batched per request; a decision without a
 * person (not found) gets the facts of an empty record. A provider the
 * registry refuses (R6: unknown, or not active on the day of care) is shown
 * no pathway, as beneficiaries shows it no coverage; the facts beneficiaries'
 * rule reads are still given.
 */
export async function resolveDecisionReference(
  representation: DecisionRepresentation,
  context: CarePathwaysContext,
): Promise<EligibilityDecisionType> {
  const question = context.pathways.question(representation, context.caller);
  const refused = providerRefused(representation.providerFacts);
  if (!refused) notePersons(context, [question.personRef]);
  const record = question.personRef ? await context.records.load(question.personRef) : emptyPathwayRecord();
  const decision = context.pathways.assess(question, record);
  return refused ? { ...decision, pathway: null } : decision;
}
