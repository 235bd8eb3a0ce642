import { SERVED_PERSONS_EXTENSION, SHARED_ANSWER_EXTENSION, type Caller, type SharedAnswerNotice } from '@cmb/kit';
import { LRUCache } from 'lru-cache';

/** How long and how many answers one subgraph's cache keeps. */
export interface SharedAnswerLimits {
  /** The longest reuse, whatever a subgraph declares; 0 turns the cache off. */
  maxAgeMs: number;
  /** Most entities kept (the least recently used go first). */
  maxEntries: number;
  /** Most characters of kept entities, whatever their number. */
  maxChars: number;
}

/** A fetch's shape the subgraph declared shareable: which entity, on which representation fields it depends, for how long. */
interface Policy {
  id: number;
  typename: string;
  dependsOn: string[];
  ttlMs: number;
}

/** The most fetch shapes remembered (the planner makes a few per operation shape; clients choose the operations). */
const MAX_POLICIES = 1_000;
/** Most characters of fetch texts remembered with their shapes. */
const MAX_POLICY_CHARS = 4_000_000;
/** A declaration naming more fields than this is not taken. */
const MAX_DEPENDS_ON = 8;

type Answer = { data?: Record<string, unknown> | null; errors?: readonly unknown[]; extensions?: Record<string, unknown> };

/** The notice of an answer if it is well formed, else null. */
function noticeOf(answer: Answer): SharedAnswerNotice | null {
  const notice = answer.extensions?.[SHARED_ANSWER_EXTENSION] as Partial<SharedAnswerNotice> | undefined;
  if (!notice || typeof notice.typename !== 'string' || !Array.isArray(notice.dependsOn)) return null;
  if (notice.dependsOn.length === 0 || notice.dependsOn.length > MAX_DEPENDS_ON) return null;
  if (!notice.dependsOn.every((field) => typeof field === 'string')) return null;
  if (typeof notice.maxAgeSeconds !== 'number' || !(notice.maxAgeSeconds > 0)) return null;
  return { typename: notice.typename, dependsOn: notice.dependsOn, maxAgeSeconds: notice.maxAgeSeconds };
}

/**
 * Takes a subgraph's notice out of its answer (the executor and the client
 * never see it) and gives it back, well formed, or null.
 */
export function takeNotice(answer: Answer): SharedAnswerNotice | null {
  const notice = noticeOf(answer);
  if (answer.extensions && SHARED_ANSWER_EXTENSION in answer.extensions) {
    const { [SHARED_ANSWER_EXTENSION]: _taken, ...rest } = answer.extensions;
    answer.extensions = rest;
  }
  return notice;
}

/**
 * Entity answers a national subgraph declared shareable (`SHARED_ANSWER_EXTENSION`
 * from the kit: fields whose values depend only on some representation
 * fields, such as the INPE registry's facts of a provider on a day of care),
 * reused for a short while instead of calling the subgraph again. A shape is
 * learnt from the subgraph's own answers and forgotten as soon as an answer
 * to it comes without the notice. The key holds those fields (each must be
 * in the representation) and the caller's organisation, purposes and
 * language, so an answer is reused only for a caller the subgraph would have
 * answered the same; a fetch with any variable but its representations is
 * never answered from here; answers with errors or naming a served person
 * are never kept; a batch is served from here only when every entity is.
 * A write through this gateway to the subgraph empties the cache when it
 * starts and when it ends, and while one is under way nothing is taken or
 * kept, nor is an answer to a fetch that began before a write ended; other
 * replicas' writes age out within the cap.
 */
export class SharedAnswerCache {
  private readonly policies = new LRUCache<string, Policy>({
    max: MAX_POLICIES,
    maxSize: MAX_POLICY_CHARS,
    sizeCalculation: (_policy, query) => Math.max(1, query.length),
  });
  private readonly entities: LRUCache<string, string>;
  private nextPolicyId = 0;
  /** Moves at every write's start and end: an answer fetched across one is not kept. */
  private generation = 0;
  private writesUnderWay = 0;

  constructor(private readonly limits: SharedAnswerLimits) {
    this.entities = new LRUCache<string, string>({
      max: Math.max(1, limits.maxEntries),
      maxSize: Math.max(1, limits.maxChars),
      sizeCalculation: (text, key) => Math.max(1, text.length + key.length),
      ttl: Math.max(1, limits.maxAgeMs),
    });
  }

  /** The keys of a fetch's entities, or null when its shape is not known to be shared or a representation does not fit it. */
  private keysOf(query: string, variables: Record<string, unknown> | undefined, caller: Caller): { policy: Policy; keys: string[] } | null {
    const policy = this.policies.get(query);
    const representations = variables?.representations;
    if (!policy || !Array.isArray(representations) || representations.length === 0) return null;
    if (Object.keys(variables ?? {}).some((name) => name !== 'representations')) return null;
    const who = [caller.org, [...caller.purposes].sort(), caller.language ?? null];
    const keys: string[] = [];
    for (const representation of representations as unknown[]) {
      if (typeof representation !== 'object' || representation === null) return null;
      const fields = representation as Record<string, unknown>;
      if (fields.__typename !== policy.typename || policy.dependsOn.some((field) => !(field in fields))) return null;
      keys.push(`${policy.id}:${JSON.stringify([who, policy.dependsOn.map((field) => fields[field])])}`);
    }
    return { policy, keys };
  }

  /** The current generation, read when a fetch starts and given back to {@link learn}. */
  get current(): number {
    return this.generation;
  }

  /** The entities of a fetch when every one of them is kept (fresh copies), else null. */
  take(query: string | undefined, variables: Record<string, unknown> | undefined, caller: Caller): Record<string, unknown>[] | null {
    if (this.limits.maxAgeMs <= 0 || !query || this.writesUnderWay > 0) return null;
    const known = this.keysOf(query, variables, caller);
    if (!known) return null;
    const kept: Record<string, unknown>[] = [];
    for (const key of known.keys) {
      const text = this.entities.get(key);
      if (text === undefined) return null;
      kept.push(JSON.parse(text) as Record<string, unknown>);
    }
    return kept;
  }

  /**
   * Reads a subgraph's answer to a fetch that began at generation `since`:
   * learns or forgets its shape, and keeps its entities when it is shared,
   * whole, names no served person, and no write began or ended meanwhile.
   * `notice` is what {@link takeNotice} took out of the answer.
   */
  learn(
    query: string | undefined,
    variables: Record<string, unknown> | undefined,
    caller: Caller,
    answer: Answer,
    notice: SharedAnswerNotice | null,
    since: number,
  ): void {
    if (this.limits.maxAgeMs <= 0 || !query) return;
    if (!notice) {
      this.policies.delete(query);
      return;
    }
    const ttlMs = Math.min(notice.maxAgeSeconds * 1000, this.limits.maxAgeMs);
    const current = this.policies.get(query);
    const same = current && current.typename === notice.typename && current.dependsOn.join('\n') === notice.dependsOn.join('\n');
    const policy = same
      ? { ...current, ttlMs }
      : { id: (this.nextPolicyId += 1), typename: notice.typename, dependsOn: notice.dependsOn, ttlMs };
    this.policies.set(query, policy);
    if (since !== this.generation || this.writesUnderWay > 0) return;
    const entities = answer.data?._entities;
    if (answer.errors?.length || !Array.isArray(entities) || (answer.extensions && SERVED_PERSONS_EXTENSION in answer.extensions)) return;
    const known = this.keysOf(query, variables, caller);
    if (!known || known.keys.length !== entities.length) return;
    known.keys.forEach((key, index) => {
      const entity: unknown = entities[index];
      if (typeof entity === 'object' && entity !== null) this.entities.set(key, JSON.stringify(entity), { ttl: policy.ttlMs });
    });
  }

  /** Forgets every kept answer and every shape learnt (the subgraph may answer differently now); a fetch under way keeps nothing. */
  forget(): void {
    this.dropAnswers();
    this.policies.clear();
  }

  /** Drops every kept answer; a fetch begun before keeps nothing. */
  private dropAnswers(): void {
    this.generation += 1;
    this.entities.clear();
  }

  /**
   * A write to the subgraph is starting: every kept answer is forgotten, and
   * nothing is taken or kept until the returned function says it ended
   * (call it whatever the write's outcome).
   */
  beginWrite(): () => void {
    this.writesUnderWay += 1;
    this.dropAnswers();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.writesUnderWay -= 1;
      this.dropAnswers();
    };
  }
}
