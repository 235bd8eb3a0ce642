import { SHARED_ANSWER_EXTENSION, type Caller, type SharedAnswerNotice } from '@cmb/kit';
import { LRUCache } from 'lru-cache';

/** How long and how many answers one subgraph's cache keeps. */
export interface SharedAnswerLimits {
  /** The longest reuse, whatever a subgraph declares; 0 turns the cache off. */
  maxAgeMs: number;
  /** Most entities kept (the least recently used go first). */
  maxEntries: number;
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
 * Entity answers a national subgraph declared shareable (`SHARED_ANSWER_EXTENSION`
 * from the kit: fields whose values depend only on some representation
 * fields, such as the INPE registry's facts of a provider on a day of care),
 * reused for a short while instead of calling the subgraph again. A shape is
 * learnt from the subgraph's own answers and forgotten as soon as an answer
 * to it comes without the notice. The key holds, besides those fields, the
 * caller's organisation, purposes and language, so an answer is reused only
 * for a caller the subgraph would have answered the same; answers with
 * errors are never kept; a batch is served from here only when every entity
 * is. A write through this gateway to the subgraph empties its cache; other
 * replicas' writes age out within the cap.
 */
export class SharedAnswerCache {
  private readonly policies = new LRUCache<string, Policy>({ max: MAX_POLICIES });
  private readonly entities: LRUCache<string, string>;
  private nextPolicyId = 0;

  constructor(private readonly limits: SharedAnswerLimits) {
    this.entities = new LRUCache<string, string>({ max: Math.max(1, limits.maxEntries), ttl: Math.max(1, limits.maxAgeMs) });
  }

  /** The keys of a fetch's entities, or null when its shape is not known to be shared or a representation does not fit it. */
  private keysOf(query: string, representations: unknown, caller: Caller): { policy: Policy; keys: string[] } | null {
    const policy = this.policies.get(query);
    if (!policy || !Array.isArray(representations) || representations.length === 0) return null;
    const who = [caller.org, [...caller.purposes].sort(), caller.language ?? null];
    const keys: string[] = [];
    for (const representation of representations as unknown[]) {
      if (typeof representation !== 'object' || representation === null) return null;
      const fields = representation as Record<string, unknown>;
      if (fields.__typename !== policy.typename) return null;
      keys.push(`${policy.id}:${JSON.stringify([who, policy.dependsOn.map((field) => fields[field] ?? null)])}`);
    }
    return { policy, keys };
  }

  /** The entities of a fetch when every one of them is kept (fresh copies), else null. */
  take(query: string | undefined, variables: Record<string, unknown> | undefined, caller: Caller): Record<string, unknown>[] | null {
    if (this.limits.maxAgeMs <= 0 || !query) return null;
    const known = this.keysOf(query, variables?.representations, caller);
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
   * Reads a subgraph's answer to a fetch: learns or forgets its shape, keeps
   * its entities when it is shared and whole, and removes the notice from
   * what the executor receives.
   */
  learn(query: string | undefined, variables: Record<string, unknown> | undefined, caller: Caller, answer: Answer): void {
    const notice = noticeOf(answer);
    if (answer.extensions && SHARED_ANSWER_EXTENSION in answer.extensions) {
      const { [SHARED_ANSWER_EXTENSION]: _notice, ...rest } = answer.extensions;
      answer.extensions = rest;
    }
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
    const entities = answer.data?._entities;
    if (answer.errors?.length || !Array.isArray(entities)) return;
    const known = this.keysOf(query, variables?.representations, caller);
    if (!known || known.keys.length !== entities.length) return;
    known.keys.forEach((key, index) => {
      const entity: unknown = entities[index];
      if (typeof entity === 'object' && entity !== null) this.entities.set(key, JSON.stringify(entity), { ttl: policy.ttlMs });
    });
  }

  /** Forgets every kept answer (a write reached the subgraph). */
  forget(): void {
    this.entities.clear();
  }
}
