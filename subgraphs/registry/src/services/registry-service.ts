import { randomUUID } from 'node:crypto';
import type { RealmClient } from '@cmb/auth';
import { apiSchemaOf, type SubgraphSdl } from '@cmb/composition';
import { appError, type Caller } from '@cmb/kit';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { RegisteredSubgraphEntity } from '../entities/registered-subgraph.entity';
import { SubgraphVersionEntity } from '../entities/subgraph-version.entity';
import type { SupergraphVersionEntity } from '../entities/supergraph-version.entity';
import { describeProblem, type CheckProblem, type RegistryRules } from '../rules/facts';
import { grantedPurposes } from '../rules/granted-purposes';
import { mayChange, mayPublish, mayReadDetails, type OwnershipVerdict } from '../rules/ownership';
import { publishInputProblem, type PublishInput } from '../rules/publish-input';
import { runChecks, type ChecksOutcome } from './publish-checks';
import { StaleSupergraphError, type RegistryStore } from './registry-store';
import { sha256Of, type Member } from './supergraph-composer';

/** What a change (publish, rollback, retire, the build's sync) leaves: the subgraph, its version served, the supergraph. */
export interface ChangeOutcome {
  subgraph: RegisteredSubgraphEntity;
  /** The SDL version served now; null once retired. */
  version: SubgraphVersionEntity | null;
  /** The supergraph every gateway follows now. */
  supergraph: SupergraphVersionEntity;
  /** True when nothing changed (the same SDL and URL published again, a rollback to the version served). */
  unchanged: boolean;
  /** Breaking changes that went through: on fields no gateway served over the usage window, or reported by a rollback or retirement. */
  warnings: CheckProblem[];
}

/** What a dry run concluded. */
export interface CheckReport {
  problems: CheckProblem[];
  warnings: CheckProblem[];
  /** The SHA-256 of the supergraph the publish would make; null when it would be refused. */
  supergraphSha256: string | null;
}

/** A subgraph as a reader may see it: routing URL only for its owner and ANAM. */
export interface SubgraphView {
  subgraph: RegisteredSubgraphEntity;
  routingUrl: string | null;
  publishedAt: string | null;
}

/** A subgraph's versions and the supergraph versions it made, newest first. */
export interface SubgraphHistory {
  subgraph: RegisteredSubgraphEntity;
  versions: SubgraphVersionEntity[];
  supergraphs: SupergraphVersionEntity[];
}

/** What the registry service needs. */
export interface RegistryServiceOptions {
  store: RegistryStore;
  rules: RegistryRules;
  realmClients: () => readonly RealmClient[];
  logger: Logger;
  now?: () => Date;
}

/** Changes that lose the race to another registry's commit are composed again, this many times at most. */
const ATTEMPTS = 3;
/** Problems the refusal's message lists; the rest are in `extensions.problems`. */
const PROBLEMS_IN_MESSAGE = 10;
/** Problems a refusal carries at most. */
const MAX_PROBLEMS = 200;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Whole seconds until a window that opened at `since` (ms) and lasts `windowMs` has passed, at least one. */
const secondsUntil = (since: number, windowMs: number, now: number) => Math.max(1, Math.ceil((since + windowMs - now) / 1000));

/** The refusal of a change whose checks failed: every problem in `extensions.problems`, the first ones in the message. */
function checksFailed(problems: readonly CheckProblem[]) {
  const listed = problems.slice(0, PROBLEMS_IN_MESSAGE).map(describeProblem).join(' | ');
  const more = problems.length > PROBLEMS_IN_MESSAGE ? ` | (+${problems.length - PROBLEMS_IN_MESSAGE})` : '';
  return appError(
    'REGISTRY_CHECKS_FAILED',
    { count: problems.length, checks: [...new Set(problems.map((p) => p.check))].join(', '), problems: `${listed}${more}` },
    { extensions: { problems: problems.slice(0, MAX_PROBLEMS) } },
  );
}

function refuseUnless(verdict: OwnershipVerdict): asserts verdict is { allowed: true; owner: string } {
  if (!verdict.allowed) throw appError(verdict.refusal, verdict.params);
}

/**
 * Since when a subgraph has declared each type of the version the
 * supergraph serves now (the members' own reading of their history); empty
 * for one it does not serve (new, retired): what a publish or rollback of it
 * is judged against.
 */
function typesSinceServed(members: readonly Member[], name: string): ReadonlyMap<string, string> {
  return members.find((m) => m.name === name)?.typesSince ?? new Map();
}

/**
 * The registry's operations: publish and check (dry run) a subgraph,
 * roll it back, retire it, list and read history; and, at start, publish
 * the national subgraphs of the build-time composition that differ from
 * those it holds. Each change runs the checks (`runChecks`), then writes the
 * subgraph's rows and the next supergraph version in one transaction; a
 * refused change writes nothing. Changes of this process take turns; one
 * composed on a supergraph another registry replaced meanwhile is composed again.
 */
export class RegistryService {
  private turn: Promise<unknown> = Promise.resolve();
  /** When each publishing organisation's recent compositions started (ms), within the last minute. */
  private readonly recentChecks = new Map<string, number[]>();
  private apiSchemaCache: { version: number; schema: GraphQLSchema } | null = null;

  constructor(private readonly options: RegistryServiceOptions) {}

  private get rules(): RegistryRules {
    return this.options.rules;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Runs a change after the previous one of this process. */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** Retries a change composed on a supergraph that another commit replaced meanwhile. */
  private async retrying<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof StaleSupergraphError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** The client-facing schema of a supergraph version, kept for the latest one. */
  private apiSchema(supergraph: SupergraphVersionEntity | null): GraphQLSchema | null {
    if (!supergraph) return null;
    if (this.apiSchemaCache?.version !== supergraph.version) {
      this.apiSchemaCache = { version: supergraph.version, schema: apiSchemaOf(supergraph.sdl) };
    }
    return this.apiSchemaCache.schema;
  }

  private usedCoordinates = (coordinates: readonly string[]): Promise<ReadonlySet<string>> => {
    const since = new Date(this.now().getTime() - this.rules.usageWindowDays * 86_400_000).toISOString().slice(0, 10);
    return this.options.store.usedCoordinates(coordinates, since);
  };

  private checks(
    subject: string,
    candidate: Member | null,
    next: readonly Member[],
    latest: SupergraphVersionEntity | null,
    owner: string,
    breakingChangesBlock: boolean,
  ): Promise<ChecksOutcome> {
    return runChecks({
      subject,
      candidate,
      next,
      currentApiSchema: this.apiSchema(latest),
      currentSupergraphSdl: latest?.sdl ?? null,
      granted: grantedPurposes(this.options.realmClients(), owner),
      nationalOwner: this.rules.nationalOwner,
      usageWindowDays: this.rules.usageWindowDays,
      breakingChangesBlock,
      usedCoordinates: this.usedCoordinates,
      realmClients: this.options.realmClients,
    });
  }

  /** Refuses an input a publish may not name (a routing URL to a host no longer allowed, ...); `field` says where it comes from. */
  private validated(input: PublishInput, field = (name: string) => `input.${name}`): void {
    const problem = publishInputProblem(input, this.rules);
    if (problem) throw appError('INVALID_VALUE', { field: field(problem.field), expected: problem.expected });
  }

  /**
   * Refuses a change past its organisation's budget (`changesPerHour`,
   * counted in the store, so across registry replicas): each new supergraph
   * version makes every gateway build its query planner anew.
   */
  private async withinChangeBudget(org: string): Promise<void> {
    const now = this.now().getTime();
    const { count, oldest } = await this.options.store.changesBy(org, new Date(now - HOUR_MS).toISOString());
    if (count < this.rules.changesPerHour) return;
    const seconds = oldest ? secondsUntil(Date.parse(oldest), HOUR_MS, now) : HOUR_MS / 1000;
    throw appError('REGISTRY_CHANGES_PER_HOUR', { max: this.rules.changesPerHour, seconds });
  }

  /**
   * Refuses a composition past its organisation's budget (`checksPerMinute`,
   * per registry process): a dry run, and a publish, rollback or retirement
   * whatever its outcome (a refused publish composes as a dry run does), each
   * composes on the registry's one thread.
   */
  private withinCheckBudget(org: string): void {
    const now = this.now().getTime();
    const recent = (this.recentChecks.get(org) ?? []).filter((at) => at > now - MINUTE_MS);
    if (recent.length >= this.rules.checksPerMinute) {
      this.recentChecks.set(org, recent);
      throw appError('REGISTRY_CHECKS_PER_MINUTE', {
        max: this.rules.checksPerMinute,
        seconds: secondsUntil(recent[0] ?? now, MINUTE_MS, now),
      });
    }
    this.recentChecks.set(org, [...recent, now]);
  }

  /** The candidate member a publish makes, and the members of the supergraph it would make. */
  private async candidateOf(input: PublishInput, owner: string, existing: RegisteredSubgraphEntity | null) {
    const [latestVersion] = await this.options.store.versions(input.name, 1);
    const members = await this.options.store.members();
    const candidate: Member = {
      name: input.name,
      owner,
      version: (latestVersion?.version ?? 0) + 1,
      routingUrl: input.routingUrl,
      sdl: input.sdl,
      createdAt: existing?.createdAt ?? this.now().toISOString(),
      typesSince: typesSinceServed(members, input.name),
    };
    return { candidate, next: [...members.filter((m) => m.name !== input.name), candidate] };
  }

  /** Runs every check of a publish without writing anything: the problems, the warnings, the supergraph it would make. */
  async check(actor: Caller, input: PublishInput): Promise<CheckReport> {
    this.validated(input);
    const existing = await this.options.store.subgraph(input.name);
    const verdict = mayPublish(actor, input.name, existing, this.rules);
    refuseUnless(verdict);
    this.withinCheckBudget(verdict.owner);
    const latest = await this.options.store.latestSupergraph();
    const { candidate, next } = await this.candidateOf(input, verdict.owner, existing);
    const outcome = await this.checks(input.name, candidate, next, latest, verdict.owner, true);
    return { problems: outcome.problems, warnings: outcome.warnings, supergraphSha256: outcome.composed?.sha256 ?? null };
  }

  /**
   * Publishes a subgraph's SDL and routing URL: its owner only (a new name
   * becomes its publisher's), after every check; a new SDL version and the
   * next supergraph version, or a refusal naming each failed check and
   * nothing written. Publishing what is served already changes nothing.
   */
  publish(actor: Caller, input: PublishInput): Promise<ChangeOutcome> {
    this.validated(input);
    return this.inTurn(() =>
      this.retrying(async () => {
        const existing = await this.options.store.subgraph(input.name);
        const verdict = mayPublish(actor, input.name, existing, this.rules);
        refuseUnless(verdict);
        const served = existing?.currentVersion ? await this.options.store.version(input.name, existing.currentVersion) : null;
        const latest = await this.options.store.latestSupergraph();
        if (served && latest && served.sdlSha256 === sha256Of(input.sdl) && served.routingUrl === input.routingUrl && existing) {
          return { subgraph: existing, version: served, supergraph: latest, unchanged: true, warnings: [] };
        }
        await this.withinChangeBudget(verdict.owner);
        this.withinCheckBudget(verdict.owner);
        const { candidate, next } = await this.candidateOf(input, verdict.owner, existing);
        const outcome = await this.checks(input.name, candidate, next, latest, verdict.owner, true);
        if (!outcome.composed || outcome.problems.length > 0) throw checksFailed(outcome.problems);
        const now = this.now().toISOString();
        const subgraph = Object.assign(existing ?? new RegisteredSubgraphEntity(), {
          name: input.name,
          owner: verdict.owner,
          currentVersion: candidate.version,
          createdAt: candidate.createdAt,
          retiredAt: null,
        });
        const version = Object.assign(new SubgraphVersionEntity(), {
          id: randomUUID(),
          subgraph: input.name,
          version: candidate.version,
          sdl: input.sdl,
          sdlSha256: sha256Of(input.sdl),
          routingUrl: input.routingUrl,
          publishedByClient: actor.clientId,
          publishedByOrg: verdict.owner,
          requestId: actor.requestId || null,
          publishedAt: now,
        });
        const supergraph = await this.commit(latest, outcome, actor, 'PUBLISH', input.name, candidate.version, [subgraph], [version]);
        return { subgraph, version, supergraph, unchanged: false, warnings: outcome.warnings };
      }),
    );
  }

  /**
   * Serves an earlier SDL version of a subgraph again (the one before the
   * version served, or `toVersion`), its owner only: a new supergraph version,
   * after the same input validation (its routing URL to a host still allowed)
   * and checks as a publish, but breaking changes reported, not refused.
   */
  rollback(actor: Caller, name: string, toVersion: number | null): Promise<ChangeOutcome> {
    return this.inTurn(() =>
      this.retrying(async () => {
        const existing = await this.known(name);
        refuseUnless(mayChange(actor, name, existing, this.rules));
        if (existing.currentVersion === null) throw appError('REGISTRY_SUBGRAPH_RETIRED', { subgraph: name });
        const current = existing.currentVersion;
        const target =
          toVersion ?? (await this.options.store.versions(name, this.rules.historyLength)).find((v) => v.version < current)?.version;
        const row = target !== undefined ? await this.options.store.version(name, target) : null;
        if (!row) throw appError('REGISTRY_VERSION_UNKNOWN', { subgraph: name, version: toVersion ?? `< ${current}` });
        // The version is served again as if published now: its routing URL must still be one the registry routes to.
        this.validated({ name, routingUrl: row.routingUrl, sdl: row.sdl }, (field) => `${field} of version ${row.version}`);
        const latest = await this.options.store.latestSupergraph();
        if (row.version === current && latest) {
          return { subgraph: existing, version: row, supergraph: latest, unchanged: true, warnings: [] };
        }
        await this.withinChangeBudget(existing.owner);
        this.withinCheckBudget(existing.owner);
        const members = await this.options.store.members();
        const candidate: Member = {
          name,
          owner: existing.owner,
          version: row.version,
          routingUrl: row.routingUrl,
          sdl: row.sdl,
          createdAt: existing.createdAt,
          typesSince: typesSinceServed(members, name),
        };
        const next = [...members.filter((m) => m.name !== name), candidate];
        const outcome = await this.checks(name, candidate, next, latest, existing.owner, false);
        if (!outcome.composed || outcome.problems.length > 0) throw checksFailed(outcome.problems);
        const subgraph = Object.assign(new RegisteredSubgraphEntity(), existing, { currentVersion: row.version });
        const supergraph = await this.commit(latest, outcome, actor, 'ROLLBACK', name, row.version, [subgraph], []);
        return { subgraph, version: row, supergraph, unchanged: false, warnings: outcome.warnings };
      }),
    );
  }

  /** Takes a subgraph out of the supergraph, its owner only, if the rest still composes; its name stays its owner's. */
  retire(actor: Caller, name: string): Promise<ChangeOutcome> {
    return this.inTurn(() =>
      this.retrying(async () => {
        const existing = await this.known(name);
        refuseUnless(mayChange(actor, name, existing, this.rules));
        if (existing.currentVersion === null) throw appError('REGISTRY_SUBGRAPH_RETIRED', { subgraph: name });
        await this.withinChangeBudget(existing.owner);
        this.withinCheckBudget(existing.owner);
        const latest = await this.options.store.latestSupergraph();
        const next = (await this.options.store.members()).filter((m) => m.name !== name);
        const outcome = await this.checks(name, null, next, latest, existing.owner, false);
        if (!outcome.composed || outcome.problems.length > 0) throw checksFailed(outcome.problems);
        const subgraph = Object.assign(new RegisteredSubgraphEntity(), existing, {
          currentVersion: null,
          retiredAt: this.now().toISOString(),
        });
        const supergraph = await this.commit(latest, outcome, actor, 'RETIRE', name, null, [subgraph], []);
        return { subgraph, version: null, supergraph, unchanged: false, warnings: outcome.warnings };
      }),
    );
  }

  /**
   * Publishes, as the national owner, the subgraphs of the build-time
   * composition whose SDL or routing URL differs from what the registry
   * serves (all of them on the first start): one supergraph version, if they
   * compose with the rest. A national release reaches the registry by its
   * deployment; when it does not compose with the OGs' subgraphs, the
   * registry keeps what it serves and says why.
   */
  syncBuild(
    build: readonly SubgraphSdl[],
  ): Promise<{ supergraph: SupergraphVersionEntity | null; changed: string[]; problems: CheckProblem[] }> {
    return this.inTurn(() =>
      this.retrying(async () => {
        const latest = await this.options.store.latestSupergraph();
        const members = await this.options.store.members();
        const rows = new Map((await this.options.store.subgraphs()).map((s) => [s.name, s]));
        const now = this.now().toISOString();
        const national = this.rules.nationalOwner;
        const changed: Member[] = [];
        for (const subgraph of build) {
          const row = rows.get(subgraph.name);
          if (row && row.owner !== national) {
            this.options.logger.error(
              { subgraph: subgraph.name, owner: row.owner },
              'a national subgraph of the build has a name another organisation owns: left out',
            );
            continue;
          }
          const served = members.find((m) => m.name === subgraph.name);
          if (served && served.sdl === subgraph.sdl && served.routingUrl === subgraph.url) continue;
          const [last] = await this.options.store.versions(subgraph.name, 1);
          changed.push({
            name: subgraph.name,
            owner: national,
            version: (last?.version ?? 0) + 1,
            routingUrl: subgraph.url,
            sdl: subgraph.sdl,
            createdAt: row?.createdAt ?? now,
            // A type a national subgraph declares is the national owner's whoever declared it first.
            typesSince: served?.typesSince ?? new Map(),
          });
        }
        if (changed.length === 0) return { supergraph: latest, changed: [], problems: [] };
        const next = [...members.filter((m) => !changed.some((c) => c.name === m.name)), ...changed];
        const outcome = await this.checks('build', null, next, latest, national, false);
        if (!outcome.composed || outcome.problems.length > 0) return { supergraph: latest, changed: [], problems: outcome.problems };
        const builder = { clientId: 'build', requestId: '' } as Caller;
        const subgraphs = changed.map((c) =>
          Object.assign(rows.get(c.name) ?? new RegisteredSubgraphEntity(), {
            name: c.name,
            owner: national,
            currentVersion: c.version,
            createdAt: c.createdAt,
            retiredAt: null,
          }),
        );
        const versions = changed.map((c) =>
          Object.assign(new SubgraphVersionEntity(), {
            id: randomUUID(),
            subgraph: c.name,
            version: c.version,
            sdl: c.sdl,
            sdlSha256: sha256Of(c.sdl),
            routingUrl: c.routingUrl,
            publishedByClient: builder.clientId,
            publishedByOrg: national,
            requestId: null,
            publishedAt: now,
          }),
        );
        const single = changed.length === 1 ? changed[0] : undefined;
        const supergraph = await this.commit(
          latest,
          outcome,
          builder,
          'BUILD',
          single?.name ?? null,
          single?.version ?? null,
          subgraphs,
          versions,
          national,
        );
        return { supergraph, changed: changed.map((c) => c.name), problems: [] };
      }),
    );
  }

  /** Writes a change's rows and the next supergraph version; returns the version written. */
  private async commit(
    latest: SupergraphVersionEntity | null,
    outcome: ChecksOutcome,
    actor: Caller,
    cause: string,
    subgraph: string | null,
    subgraphVersion: number | null,
    subgraphs: RegisteredSubgraphEntity[],
    versions: SubgraphVersionEntity[],
    org: string | null = actor.org,
  ): Promise<SupergraphVersionEntity> {
    const composed = outcome.composed as NonNullable<ChecksOutcome['composed']>;
    const supergraph = {
      sha256: composed.sha256,
      sdl: composed.sdl,
      members: composed.members,
      accessMatrix: composed.accessMatrix(),
      cause,
      subgraph,
      subgraphVersion,
      composedByClient: actor.clientId,
      composedByOrg: org ?? '',
      requestId: actor.requestId || null,
      composedAt: this.now().toISOString(),
    };
    const version = await this.options.store.commit({ composedOn: latest?.version ?? 0, subgraphs, versions, supergraph });
    this.options.logger.info({ supergraph: version, cause, subgraph, sha256: composed.sha256 }, 'supergraph version composed');
    return { ...supergraph, version };
  }

  private async known(name: string): Promise<RegisteredSubgraphEntity> {
    const existing = await this.options.store.subgraph(name);
    if (!existing) throw appError('REGISTRY_SUBGRAPH_UNKNOWN', { subgraph: name });
    return existing;
  }

  /** Every subgraph (the retired ones when asked), its routing URL for its owner and ANAM only. */
  async list(actor: Caller, includeRetired: boolean): Promise<SubgraphView[]> {
    const subgraphs = (await this.options.store.subgraphs()).filter((s) => includeRetired || s.currentVersion !== null);
    return Promise.all(
      subgraphs.map(async (subgraph) => {
        const current = subgraph.currentVersion === null ? null : await this.options.store.version(subgraph.name, subgraph.currentVersion);
        const details = mayReadDetails(actor, subgraph, this.rules);
        return { subgraph, routingUrl: details ? (current?.routingUrl ?? null) : null, publishedAt: current?.publishedAt ?? null };
      }),
    );
  }

  /** A subgraph's versions and supergraph versions, newest first: its owner and ANAM only. */
  async history(actor: Caller, name: string): Promise<SubgraphHistory> {
    const subgraph = await this.known(name);
    if (!mayReadDetails(actor, subgraph, this.rules)) throw appError('REGISTRY_NOT_OWNER', { subgraph: name, owner: subgraph.owner });
    const [versions, supergraphs] = await Promise.all([
      this.options.store.versions(name, this.rules.historyLength),
      this.options.store.supergraphs(this.rules.historyLength, name),
    ]);
    return { subgraph, versions, supergraphs };
  }

  /** The supergraph versions, newest first. */
  supergraphs(limit: number): Promise<SupergraphVersionEntity[]> {
    return this.options.store.supergraphs(Math.min(limit, this.rules.historyLength));
  }

  /** One supergraph version with its access matrix (no routing URL leaves: the SDL is not served). */
  supergraph(version: number | null): Promise<SupergraphVersionEntity | null> {
    return version === null ? this.options.store.latestSupergraph() : this.options.store.supergraph(version);
  }
}
