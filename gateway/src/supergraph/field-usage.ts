import { Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { RegistryClient } from './registry-client';

/** Most distinct fields kept while the registry cannot be written: beyond, the oldest counts are dropped. */
const MAX_PENDING_FIELDS = 50_000;

/** The fields (`Type.field`) an operation selects, read once per parsed document (Apollo reuses them). */
const coordinatesByDocument = new WeakMap<DocumentNode, readonly string[]>();

/** The fields of the client-facing schema a validated document selects, each once (introspection left out). */
export function selectedFields(schema: GraphQLSchema, document: DocumentNode): readonly string[] {
  let found = coordinatesByDocument.get(document);
  if (!found) {
    const coordinates = new Set<string>();
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        [Kind.FIELD](node) {
          const parent = typeInfo.getParentType();
          if (parent && !node.name.value.startsWith('__')) coordinates.add(`${parent.name}.${node.name.value}`);
        },
      }),
    );
    found = [...coordinates];
    coordinatesByDocument.set(document, found);
  }
  return found;
}

/**
 * Counts, per field of the client-facing schema, the operations that
 * selected it, in memory (one map increment per request, by document), and
 * adds the counts to the day's in the registry's database every
 * `flushMs`, off the request path. The registry allows a breaking change on
 * a field no gateway counted over its usage window. A flush that fails keeps
 * the counts for the next (bounded).
 */
export class FieldUsage {
  private pending = new Map<readonly string[], number>();
  private carried = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly registry: RegistryClient,
    private readonly logger: Logger,
  ) {}

  /** One operation selecting these fields (the array `selectedFields` returned for its document). */
  count(fields: readonly string[]): void {
    this.pending.set(fields, (this.pending.get(fields) ?? 0) + 1);
  }

  /** Adds what was counted since the last flush to today's counts (UTC). */
  async flush(now: Date = new Date()): Promise<void> {
    const pending = this.pending;
    this.pending = new Map();
    const counts = this.carried;
    this.carried = new Map();
    for (const [fields, operations] of pending) {
      for (const field of fields) counts.set(field, (counts.get(field) ?? 0) + operations);
    }
    if (counts.size === 0) return;
    try {
      await this.registry.addUsage(now.toISOString().slice(0, 10), counts);
    } catch (error) {
      this.logger.warn(
        { err: { kind: (error as { code?: string }).code ?? 'Error' }, fields: counts.size },
        'field usage not written: kept for the next flush',
      );
      for (const [field, operations] of counts) {
        if (this.carried.size >= MAX_PENDING_FIELDS && !this.carried.has(field)) break;
        this.carried.set(field, (this.carried.get(field) ?? 0) + operations);
      }
    }
  }

  start(flushMs: number): void {
    const next = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.flush().finally(next), flushMs);
      this.timer.unref();
    };
    next();
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
