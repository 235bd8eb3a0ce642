import type { RealmClient } from '@cmb/auth';
import { classificationLinkProblems, lostClassificationProblems, subgraphClassificationProblems } from '@cmb/composition';
import type { GraphQLSchema } from 'graphql';
import { breakingChanges, splitByUsage, type BreakingChange } from '../rules/breaking-changes';
import type { CheckProblem } from '../rules/facts';
import { foreignTypeProblems } from '../rules/foreign-types';
import { sdlModelOf } from '../rules/sdl-model';
import { composeMembers, type ComposedSupergraph, type Member } from './supergraph-composer';

/** What the checks of one change read. */
export interface ChecksInput {
  /** The subgraph the change is about (published, rolled back or retired). */
  subject: string;
  /** The subgraph published (or rolled back to), linted on its own; null for a retirement. */
  candidate: Member | null;
  /** The members of the supergraph after the change. */
  next: readonly Member[];
  /** The client-facing schema served now; null before the first supergraph. */
  currentApiSchema: GraphQLSchema | null;
  /** The supergraph SDL served now; null before the first supergraph. */
  currentSupergraphSdl: string | null;
  /** The purposes the realm grants the candidate's owner. */
  granted: ReadonlySet<string>;
  nationalOwner: string;
  usageWindowDays: number;
  /** Whether a breaking change on a used field refuses the change (publish, check) or is only reported (rollback, retire). */
  breakingChangesBlock: boolean;
  /** Which of these coordinates some gateway served over the usage window. */
  usedCoordinates(coordinates: readonly string[]): Promise<ReadonlySet<string>>;
  realmClients(): readonly RealmClient[];
}

/** What the checks concluded: the failures (none: the change may go), the warnings, and the supergraph it would make. */
export interface ChecksOutcome {
  problems: CheckProblem[];
  warnings: CheckProblem[];
  composed: ComposedSupergraph | null;
}

/** `Type.field` (or `Type`) to a problem's type and field; a directive (`@scopes`) names neither. */
function split(coordinate: string | null): { type: string | null; field: string | null } {
  if (!coordinate || coordinate.startsWith('@')) return { type: null, field: null };
  const [type = null, field = null] = coordinate.split('.');
  return { type, field };
}

function breakingProblem(subgraph: string, change: BreakingChange, detail: string): CheckProblem {
  return {
    check: 'BREAKING_CHANGE',
    subgraph,
    type: change.type,
    field: change.field,
    message: `${change.kind}: ${change.message}; ${detail}`,
  };
}

/**
 * The checks of a publish, a dry run, a rollback or a retirement, in order:
 * the SDL parses; every field is classified (the CNDP lint of the build)
 * and `@scopes`/`@public` come through the scopes spec's `@link` with
 * `@composeDirective` (`classificationLinkProblems`); other organisations'
 * types are left as they are and extended only under purposes the realm
 * grants (`foreignTypeProblems`); the members compose (the same composition
 * as the build); the supergraph carries every member's classification as
 * declared (`lostClassificationProblems`); and, against the client-facing
 * schema served now, no change breaks a field a gateway served over the
 * usage window. Every failure names the check, subgraph, type and field;
 * the checks that can run all run, so one answer lists every problem.
 */
export async function runChecks(input: ChecksInput): Promise<ChecksOutcome> {
  const problems: CheckProblem[] = [];
  const warnings: CheckProblem[] = [];
  const candidate = input.candidate;
  if (candidate) {
    try {
      sdlModelOf(candidate.sdl);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { problems: [{ check: 'SDL', subgraph: candidate.name, type: null, field: null, message }], warnings, composed: null };
    }
    for (const problem of subgraphClassificationProblems({ name: candidate.name, sdl: candidate.sdl })) {
      problems.push({ check: 'CLASSIFICATION', subgraph: candidate.name, ...split(problem.coordinate), message: problem.message });
    }
    for (const problem of classificationLinkProblems({ name: candidate.name, sdl: candidate.sdl })) {
      problems.push({ check: 'CLASSIFICATION_LINK', subgraph: candidate.name, ...split(problem.coordinate), message: problem.message });
    }
    problems.push(...foreignTypeProblems(candidate, input.next, input.granted, input.nationalOwner));
  }
  const result = composeMembers(input.next, input.realmClients, input.nationalOwner);
  if ('problems' in result) {
    for (const problem of result.problems) {
      problems.push({
        check: 'COMPOSITION',
        // A problem between the published subgraph and others is the published one's to fix.
        subgraph:
          problem.subgraph === null || problem.message.includes(`"${input.subject}"`) || problem.message.includes(`${input.subject} line`)
            ? input.subject
            : problem.subgraph,
        ...split(problem.coordinate),
        message: problem.message,
      });
    }
    return { problems, warnings, composed: null };
  }
  const composed = result.composed;
  // What the checks read by name must be what the gateway enforces and the audit records. A loss
  // another member already had in the supergraph served now (published before this check existed)
  // is reported, not held against this change: its owner fixes it by publishing again.
  const lostBefore = new Set(
    input.currentSupergraphSdl === null
      ? []
      : lostClassificationProblems(
          input.next.filter((m) => m.name !== input.subject),
          input.currentSupergraphSdl,
        ).map((p) => `${p.subgraph} ${p.coordinate}`),
  );
  for (const problem of lostClassificationProblems(input.next, composed.sdl)) {
    const found: CheckProblem = {
      check: 'CLASSIFICATION_LOST',
      subgraph: problem.subgraph,
      ...split(problem.coordinate),
      message: problem.message,
    };
    (lostBefore.has(`${problem.subgraph} ${problem.coordinate}`) ? warnings : problems).push(found);
  }
  if (input.currentApiSchema) {
    const changes = breakingChanges(input.currentApiSchema, composed.apiSchema);
    const used = await input.usedCoordinates([...new Set(changes.flatMap((c) => c.usedThrough))]);
    const { blocking, unused } = splitByUsage(changes, used);
    const subgraph = input.subject;
    const window = `over the last ${input.usageWindowDays} days`;
    for (const change of blocking) {
      const through = change.usedThrough.filter((c) => used.has(c)).join(', ');
      (input.breakingChangesBlock ? problems : warnings).push(breakingProblem(subgraph, change, `clients used it ${window} (${through})`));
    }
    for (const change of unused) warnings.push(breakingProblem(subgraph, change, `allowed: no gateway served what it breaks ${window}`));
  }
  return { problems, warnings, composed: problems.length === 0 ? composed : null };
}
