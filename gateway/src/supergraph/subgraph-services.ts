import type { SubgraphDataSource } from '../datasources/subgraph-data-source';
import type { GatewayInterface } from './supergraph-generation';

/** How long a data source replaced by a new route keeps serving the requests in flight before it is closed. */
const REPLACED_POOL_GRACE_MS = 65_000;

/**
 * The subgraphs' data sources, shared by every supergraph generation: one
 * per subgraph and route, so a new supergraph keeps the keep-alive pools of
 * the subgraphs it keeps. The route is the operator's override
 * (`SUBGRAPH_<NAME>_URL`) or the supergraph's; a data source replaced by a
 * new route is closed after the longest subgraph call could have ended.
 */
export class SubgraphServices {
  private readonly byName = new Map<string, { url: string; dataSource: SubgraphDataSource }>();
  private readonly retiring = new Map<NodeJS.Timeout, SubgraphDataSource>();

  constructor(
    private readonly create: (name: string, url: string) => SubgraphDataSource,
    private readonly overrides: Readonly<Record<string, string>>,
  ) {}

  /** The data source of a subgraph at its route, created or kept. */
  get(name: string, url: string | undefined): { dataSource: SubgraphDataSource; url: string } {
    const routed = this.overrides[name] ?? url ?? '';
    const known = this.byName.get(name);
    if (known?.url === routed) return known;
    const dataSource = this.create(name, routed);
    this.byName.set(name, { url: routed, dataSource });
    if (known) {
      const timer = setTimeout(() => {
        this.retiring.delete(timer);
        void known.dataSource.close();
      }, REPLACED_POOL_GRACE_MS);
      timer.unref();
      this.retiring.set(timer, known.dataSource);
    }
    return { dataSource, url: routed };
  }

  /** Forgets every subgraph's shared answers whenever `generations` serves a new supergraph: a subgraph may answer differently now. */
  forgetSharedAnswersOnChange(generations: Pick<GatewayInterface, 'onSchemaLoadOrUpdate'>): void {
    generations.onSchemaLoadOrUpdate(() => {
      for (const { dataSource } of this.byName.values()) dataSource.forgetSharedAnswers();
    });
  }

  /** The current route of a subgraph. */
  url(name: string): string | undefined {
    return this.byName.get(name)?.url;
  }

  get size(): number {
    return this.byName.size;
  }

  /** Closes every pool. */
  async close(): Promise<void> {
    for (const timer of this.retiring.keys()) clearTimeout(timer);
    const pools = [...this.retiring.values(), ...[...this.byName.values()].map((service) => service.dataSource)];
    this.retiring.clear();
    await Promise.all(pools.map((dataSource) => dataSource.close()));
  }
}
