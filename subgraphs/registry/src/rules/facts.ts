/** The checks a publish runs; each failure names one. */
export const REGISTRY_CHECKS = [
  'SDL',
  'CLASSIFICATION',
  'CLASSIFICATION_LINK',
  'FOREIGN_TYPE',
  'REALM_PURPOSE',
  'COMPOSITION',
  'CLASSIFICATION_LOST',
  'BREAKING_CHANGE',
] as const;

/** One check of {@link REGISTRY_CHECKS}. */
export type RegistryCheck = (typeof REGISTRY_CHECKS)[number];

/** One failure (or, for an allowed breaking change, one warning): the check, and the subgraph, type and field it concerns. */
export interface CheckProblem {
  check: RegistryCheck;
  subgraph: string;
  /** The type it names; null when it names none (an SDL that does not parse). */
  type: string | null;
  /** The field it names, within the type; null for a type-level problem. */
  field: string | null;
  message: string;
}

/** A subgraph as the checks read it: its name, its owner and its SDL. */
export interface OwnedSubgraph {
  name: string;
  owner: string;
  sdl: string;
}

/** The policy of the registry (`reference-data/registry-rules.json`, some values overridable by configuration). */
export interface RegistryRules {
  version: string;
  /** The organisation owning the national subgraphs. */
  nationalOwner: string;
  /** Organisation kinds that may publish. */
  publisherKinds: readonly string[];
  /** How an OG's subgraph names start, `{org}` standing for its code in lower case. */
  ownNamePrefix: string;
  /** Subgraphs delivered with the platform, never changed through the registry. */
  selfManaged: readonly string[];
  usageWindowDays: number;
  maxSdlBytes: number;
  maxRoutingUrlLength: number;
  historyLength: number;
  /** Supergraph versions one organisation's changes may make over a rolling hour. */
  changesPerHour: number;
  /** Compositions (dry runs, and publishes, rollbacks and retirements whatever their outcome) one organisation may ask of one registry process over a rolling minute. */
  checksPerMinute: number;
  /** Hosts a routing URL may name; `*` allows any. */
  allowedRoutingHosts: readonly string[];
}

/** `Subgraph / Type.field: message`, as the CLI and the refusal's message print a problem. */
export function describeProblem(problem: CheckProblem): string {
  const where = problem.type ? `${problem.type}${problem.field ? `.${problem.field}` : ''}` : '(schema)';
  return `[${problem.check}] ${problem.subgraph} / ${where}: ${problem.message}`;
}
