import { daysBetween, todayIn, workingDaysBetween, type ReferenceCopiesProbe } from '@cmb/kit';
import type { RegistryVersionEntity } from '../entities/registry-version.entity';
import { describeMaxAge, isRegistryStale, type StalenessPolicy } from '../rules/registry-staleness';
import type { RegistryVersionStatusValue } from '../types/registry-enums';
import type { RegistryVersionType } from '../types/registry-version.type';

/** The name of the INPE registry copy on `/readyz` and in the answers that name their versions. */
export const INPE_REGISTRY_COPY = 'inpe-registry';

/**
 * How old the INPE registry copy is (R6, seeds/001_225b0d72771d4c3f.txt:L921):
 * each version as the API shows it, with its age in working days on the
 * Moroccan calendar and whether it is stale, and the copy's freshness for
 * `/readyz`.
 */
export class RegistryFreshness {
  /** The last staleness answered: every decision of a day asks about the same version on the same day. */
  private lastStale: { asOf: string; today: string; stale: boolean } | null = null;

  constructor(
    private readonly policy: StalenessPolicy,
    private readonly timeZone: string,
  ) {}

  /** Whether a copy extracted on `asOf` is stale on `today`; remembered for the last pair, so the hot path counts working days once a day. */
  isStale(asOf: string, today: string): boolean {
    const last = this.lastStale;
    if (last && last.asOf === asOf && last.today === today) return last.stale;
    const stale = isRegistryStale(asOf, today, this.policy);
    this.lastStale = { asOf, today, stale };
    return stale;
  }

  /** A version as the API shows it, `today` in Africa/Casablanca. */
  view(version: RegistryVersionEntity, inForceId: string | null, today: string): RegistryVersionType {
    return {
      id: version.id,
      publishedOn: version.publishedOn,
      providerCount: version.providerCount,
      workingDaysSincePublication: workingDaysBetween(version.publishedOn, today, this.policy.calendar),
      stale: isRegistryStale(version.publishedOn, today, this.policy),
      status: version.status as RegistryVersionStatusValue,
      inForce: version.id === inForceId,
      added: version.addedCount,
      changed: version.changedCount,
      withdrawn: version.withdrawnCount,
      loadedAt: version.loadedAt,
      loadedBy: version.loadedBy,
      fileSha256: version.fileSha256,
      rolledBackAt: version.rolledBackAt,
      rolledBackBy: version.rolledBackBy,
    };
  }

  /** The copy's freshness for `/readyz`: missing before the first load, stale past its age. */
  probe(versionInForce: () => Promise<RegistryVersionEntity | null>, now: () => Date = () => new Date()): ReferenceCopiesProbe {
    return async () => {
      const version = await versionInForce();
      const today = todayIn(this.timeZone, now());
      return [
        {
          copy: INPE_REGISTRY_COPY,
          version: version?.id ?? null,
          asOf: version?.publishedOn ?? null,
          ageDays: version ? daysBetween(version.publishedOn, today) : null,
          maxAge: describeMaxAge(this.policy),
          stale: version ? isRegistryStale(version.publishedOn, today, this.policy) : true,
        },
      ];
    };
  }
}
