import type { CheckProblem, OwnedSubgraph } from './facts';
import { sdlModelOf, type DeclaredType, type SdlModel } from './sdl-model';

/** A subgraph of the supergraph, with when it first declared each type (the earliest declarer of a type is its origin). */
export interface MemberSubgraph extends OwnedSubgraph {
  /** When it was first published (ISO); the candidate's own, or now for a new one. */
  createdAt: string;
  /** Since when it has declared each type it serves, without a break (ISO; `typesDeclaredSince`); a type absent was not declared before. */
  typesSince: ReadonlyMap<string, string>;
}

/** Later than any date: a type the candidate declares for the first time joins after every other declarer. */
const NOT_YET = '\uffff';

/** One published version of a subgraph, as the registry keeps it. */
export interface PublishedVersion {
  version: number;
  sdl: string;
  /** ISO. */
  publishedAt: string;
}

/** The types a version declares; none when its SDL no longer reads (which ends every run through it). */
function typesOf(version: PublishedVersion): ReadonlySet<string> {
  try {
    return new Set(sdlModelOf(version.sdl).types.keys());
  } catch {
    return new Set();
  }
}

/**
 * Since when a subgraph has declared each type it serves: for each type of
 * the version served (`served`, a version number; null for a subgraph not in
 * the supergraph, retired or new), the earliest version of the unbroken run
 * of versions, by number, that declared it up to the one served. A type
 * dropped and declared again counts from its return, and a subgraph that
 * serves nothing (retired) declares nothing: an old declaration never
 * reserves a type.
 */
export function typesDeclaredSince(versions: readonly PublishedVersion[], served: number | null): Map<string, string> {
  const since = new Map<string, string>();
  const byNumber = [...versions].filter((v) => served !== null && v.version <= served).sort((a, b) => b.version - a.version);
  if (byNumber[0]?.version !== served) return since;
  let running: ReadonlySet<string> | null = null;
  for (const version of byNumber) {
    const declared = typesOf(version);
    const still: ReadonlySet<string> = running === null ? declared : new Set([...running].filter((type) => declared.has(type)));
    if (still.size === 0) break;
    for (const type of still) since.set(type, version.publishedAt);
    running = still;
  }
  return since;
}

interface ReadMember extends MemberSubgraph {
  model: SdlModel;
}

/**
 * Whose a type is: the national owner's when a national subgraph declares it
 * (`Person`), else the owner of the subgraph that has declared it the longest
 * without a break, by the versions each published (not by the subgraph's age: an older subgraph
 * taking up another organisation's type on a later publish would have become
 * its origin, free to hide its elements and to lock its owner out of it).
 */
function originOwner(declarers: readonly MemberSubgraph[], type: string, nationalOwner: string): string {
  if (declarers.some((m) => m.owner === nationalOwner)) return nationalOwner;
  const since = (m: MemberSubgraph) => m.typesSince.get(type) ?? NOT_YET;
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return (
    [...declarers].sort((a, b) => order(since(a), since(b)) || order(a.createdAt, b.createdAt) || order(a.name, b.name))[0]?.owner ?? ''
  );
}

/** The member (of another owner) that declares a field as its own (neither `@external` nor a key it shares). */
function fieldOwner(others: readonly ReadMember[], type: string, field: string): ReadMember | undefined {
  return others.find((m) => {
    const declared = m.model.types.get(type)?.fields.get(field);
    return declared !== undefined && !declared.external;
  });
}

const sameValues = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(' ') === [...b].sort().join(' ');

/**
 * What a subgraph may do with types other organisations declare, so that no
 * publish changes or widens another party's data:
 *
 * - it never redeclares a field another organisation's subgraph declares
 *   (root fields included), whatever the directive (`@shareable`, `@override`);
 * - on another organisation's entity (`Person`) it declares only keys they
 *   declare, takes no other field of theirs as `@external` (so no `@requires`
 *   or `@provides` of their data), puts no type-level `@scopes`/`@public`, and
 *   classifies every field it adds with its own `@scopes` naming only purposes
 *   the realm grants its owner;
 * - another organisation's enum it declares with exactly their values, and
 *   their other types (value types, inputs, interfaces, unions) not at all;
 * - it hides nothing of theirs: no `@inaccessible` on their type, on a key it
 *   shares with them or on a value of their enum (federation hides such an
 *   element from the whole API, whichever subgraph marks it).
 *
 * Pure: the candidate, the current members and the purposes its owner holds
 * in, problems out (`FOREIGN_TYPE`, `REALM_PURPOSE`), each naming the type and field.
 */
export function foreignTypeProblems(
  candidate: MemberSubgraph,
  members: readonly MemberSubgraph[],
  granted: ReadonlySet<string>,
  nationalOwner: string,
): CheckProblem[] {
  const own = sdlModelOf(candidate.sdl);
  const others: ReadMember[] = members
    .filter((m) => m.name !== candidate.name && m.owner !== candidate.owner)
    .map((m) => ({ ...m, model: sdlModelOf(m.sdl) }));
  const problems: CheckProblem[] = [];
  const report = (check: CheckProblem['check'], type: string, field: string | null, message: string) =>
    problems.push({ check, subgraph: candidate.name, type, field, message });
  const grantedList = [...granted].sort().join(', ') || 'none';

  for (const type of own.types.values()) {
    const declaring = others.filter((m) => m.model.types.has(type.name));
    if (declaring.length === 0) continue;
    const theirs = declaring.map((m) => m.model.types.get(type.name) as DeclaredType);
    const owners = [...new Set(declaring.map((m) => m.owner))].join(', ');
    const theirKeys = new Set(theirs.flatMap((t) => t.keys.flat()));
    for (const field of type.fields.values()) {
      const owner = fieldOwner(declaring, type.name, field.name);
      if (owner && !theirKeys.has(field.name)) {
        report(
          'FOREIGN_TYPE',
          type.name,
          field.name,
          field.external
            ? `belongs to ${owner.owner} (subgraph ${owner.name}): another organisation's subgraph reaches their entity by its key only (no @external, @requires or @provides of their data)`
            : `belongs to ${owner.owner} (subgraph ${owner.name}): a subgraph never redeclares another organisation's field`,
        );
      }
    }
    if (own.roots.has(type.name) || originOwner([...declaring, candidate], type.name, nationalOwner) === candidate.owner) {
      continue;
    }
    // Another organisation's type: the candidate only extends it, and hides nothing of it (its own added fields it may).
    const hidden = [
      ...(type.typeInaccessible ? [null] : []),
      ...[...type.fields.values()].filter((field) => field.inaccessible && theirKeys.has(field.name)).map((field) => field.name),
      ...type.inaccessibleValues,
    ];
    for (const element of hidden) {
      report(
        'FOREIGN_TYPE',
        type.name,
        element,
        `@inaccessible on ${element === null ? 'a type' : 'an element'} of ${owners} would hide it from the whole federation: mark only what you own`,
      );
    }
    if (type.kind === 'scalar') continue;
    if (type.kind === 'enum') {
      const reference = theirs[0] as DeclaredType;
      if (!sameValues(type.values, reference.values)) {
        report(
          'FOREIGN_TYPE',
          type.name,
          null,
          `enum of ${owners}: declare it with exactly their values (${reference.values.join(', ')}) or use a type of your own`,
        );
      }
      continue;
    }
    const keys = new Set(theirs.flatMap((t) => t.keys.map((k) => k.join(' '))));
    if (type.kind !== 'object' || keys.size === 0) {
      report(
        'FOREIGN_TYPE',
        type.name,
        null,
        `a ${type.kind} type of ${owners}: declare a type of your own, or extend an entity of theirs by its key`,
      );
      continue;
    }
    for (const key of type.keys) {
      if (!keys.has(key.join(' ')))
        report('FOREIGN_TYPE', type.name, null, `@key(fields: "${key.join(' ')}") is not a key ${owners} declare`);
    }
    if (type.typeScopes || type.typePublic) {
      report(
        'FOREIGN_TYPE',
        type.name,
        null,
        `a type-level @scopes or @public would apply to the fields of ${owners}: classify each field you add`,
      );
    }
    for (const field of type.fields.values()) {
      if (theirKeys.has(field.name) || fieldOwner(declaring, type.name, field.name)) continue;
      if (field.external) {
        report(
          'FOREIGN_TYPE',
          type.name,
          field.name,
          `@external on a field of ${owners} that is not a key: another organisation's subgraph reaches their entity by its key only (no @requires or @provides of their data)`,
        );
        continue;
      }
      if (field.scopes === null || field.scopes.length === 0) {
        report(
          'REALM_PURPOSE',
          type.name,
          field.name,
          `a field added to ${owners}'s ${type.name} needs @scopes of its own, naming purposes the realm grants ${candidate.owner} (${grantedList}); @public is not enough on another organisation's entity`,
        );
        continue;
      }
      const ungranted = field.scopes.filter((purpose) => !granted.has(purpose));
      if (ungranted.length > 0) {
        report(
          'REALM_PURPOSE',
          type.name,
          field.name,
          `@scopes names ${ungranted.join(', ')}, which the realm does not grant ${candidate.owner} (it holds ${grantedList})`,
        );
      }
    }
  }
  return problems;
}
