import { todayIn } from '@cmb/kit';
import type { MedicinesConfig } from '../config';
import type { GmrMedicineEntity } from '../entities/gmr-medicine.entity';
import type { GmrVersionEntity } from '../entities/gmr-version.entity';
import type { ListingFact } from '../rules/gmr-facts';
import { decideReimbursementBasis, versionValidOn } from '../rules/reimbursement-basis';
import type { GmrVersionType } from '../types/gmr-version.type';
import type { MedicineConnectionType } from '../types/medicine-connection.type';
import type { MedicineType } from '../types/medicine.type';
import type { ReimbursementBasisType } from '../types/reimbursement-basis.type';
import { ReimbursementReasonEnum } from '../types/reimbursement-reason';
import { parseAfter, parsePageSize, parseSearchText } from './edge-validation';
import type { GmrStore } from './gmr-store';
import { encodeCursor } from './search-cursor';

/** Centimes of MAD to MAD, for the Float fields (the centimes fields stay exact). */
function mad(centimes: number): number {
  return centimes / 100;
}

/** The GraphQL view of one listing. */
export function toMedicine(entity: GmrMedicineEntity): MedicineType {
  return {
    ean13: entity.ean13,
    dci: entity.dci,
    brand: entity.brand,
    form: entity.form,
    dosage: entity.dosage,
    presentation: entity.presentation,
    publicPrice: mad(entity.publicPriceCentimes),
    publicPriceCentimes: entity.publicPriceCentimes,
    pbr: mad(entity.pbrCentimes),
    pbrCentimes: entity.pbrCentimes,
    generic: Boolean(entity.generic),
    reimbursable: Boolean(entity.reimbursable),
    princepsEan13: entity.princepsEan13,
    therapeuticClass: entity.therapeuticClass,
    gmrVersion: entity.gmrVersion,
  };
}

/** The facts R12 reads from one listing. */
function toFact(entity: GmrMedicineEntity): ListingFact {
  return {
    gmrVersion: entity.gmrVersion,
    ean13: entity.ean13,
    generic: Boolean(entity.generic),
    reimbursable: Boolean(entity.reimbursable),
    publicPriceCentimes: entity.publicPriceCentimes,
    pbrCentimes: entity.pbrCentimes,
    princepsEan13: entity.princepsEan13,
  };
}

/**
 * The GMR's queries: the current listing of a code, the search, the
 * versions, and rule R12 on a date. Inputs are validated here, at the edge;
 * every read is an indexed lookup.
 */
export class MedicineService {
  constructor(
    private readonly store: GmrStore,
    private readonly config: Pick<MedicinesConfig, 'timeZone' | 'pbrPolicy' | 'search'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Today in the configured time zone (Africa/Casablanca), as YYYY-MM-DD. */
  today(): string {
    return todayIn(this.config.timeZone, this.clock());
  }

  /** Every GMR version, oldest first. */
  versions(): Promise<GmrVersionEntity[]> {
    return this.store.versions();
  }

  /** Listings of many valid codes in the version valid on `today`, in the order asked (batched by the request's loader). */
  async currentMedicines(codes: readonly string[], versions: readonly GmrVersionEntity[], today: string): Promise<(MedicineType | null)[]> {
    const version = versionValidOn(versions, today);
    if (!version) return codes.map(() => null);
    const rows = await this.store.listingsIn(version.code, codes);
    return rows.map((row) => (row ? toMedicine(row) : null));
  }

  /** A page of the current version's medicines whose brand, DCI or code starts with the text. */
  async search(
    args: { text: string; first?: number | null; after?: string | null },
    versions: readonly GmrVersionEntity[],
    today: string,
  ): Promise<MedicineConnectionType> {
    const text = parseSearchText(args.text, this.config.search);
    const first = parsePageSize(args.first, this.config.search);
    const after = parseAfter(args.after);
    const version = versionValidOn(versions, today);
    const rows = version ? await this.store.search(version.code, { ...text, after, limit: first + 1 }) : [];
    const page = rows.slice(0, first);
    const edges = page.map((row) => ({ cursor: encodeCursor({ brandKey: row.brandKey, ean13: row.ean13 }), node: toMedicine(row) }));
    return {
      edges,
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      gmrVersion: version?.code ?? null,
    };
  }

  /** Rule R12 for one valid code on one date: at most two indexed reads. */
  async reimbursementBasis(ean13: string, date: string, versions: readonly GmrVersionEntity[]): Promise<ReimbursementBasisType> {
    const version = versionValidOn(versions, date);
    const listings = version ? (await this.store.listingsOf(ean13)).map(toFact) : [];
    const current = version ? listings.find((listing) => listing.gmrVersion === version.code) : undefined;
    const groupGenerics = version && current && !current.generic ? (await this.store.genericsOf(version.code, ean13)).map(toFact) : [];
    const decision = decideReimbursementBasis({ date, versions, listings, groupGenerics }, this.config.pbrPolicy);
    return {
      ean13,
      date,
      listed: decision.listed,
      reimbursable: decision.reimbursable,
      reason: ReimbursementReasonEnum[decision.reason],
      pbr: decision.pbrCentimes === null ? null : mad(decision.pbrCentimes),
      pbrCentimes: decision.pbrCentimes,
      publicPrice: decision.publicPriceCentimes === null ? null : mad(decision.publicPriceCentimes),
      basedOnGeneric: decision.basedOnGeneric,
      gmrVersion: decision.gmrVersion,
      gmrVersionEffectiveDate: decision.gmrVersionEffectiveDate,
      lastListedVersion: decision.lastListedVersion,
    };
  }

  /** Every GMR version, newest first, with its size and whether it is valid today. */
  async gmrVersions(versions: readonly GmrVersionEntity[], today: string): Promise<GmrVersionType[]> {
    const counts = await this.store.countsByVersion();
    const current = versionValidOn(versions, today)?.code ?? null;
    return [...versions].reverse().map((version) => ({
      code: version.code,
      publishedOn: version.publishedOn,
      validFrom: version.validFrom,
      validUntil: version.validUntil,
      current: version.code === current,
      medicineCount: counts.get(version.code) ?? 0,
    }));
  }
}
