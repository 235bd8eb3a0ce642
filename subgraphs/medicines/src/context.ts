import type { Caller } from '@cmb/kit';
import DataLoader from 'dataloader';
import type { GmrVersionEntity } from './entities/gmr-version.entity';
import type { GmrStore } from './services/gmr-store';
import type { GuideHistory } from './services/guide-history';
import type { GuideImportService } from './services/guide-import-service';
import type { MedicineService } from './services/medicine-service';
import type { MedicineType } from './types/medicine.type';

/** Long-lived services of the subgraph, built once in `app.ts`. */
export interface MedicinesServices {
  store: GmrStore;
  medicines: MedicineService;
  /** Loads new GMR versions and rolls the latest back (ANAM, `reference:import`). */
  guideImports: GuideImportService;
  /** The versions and their diffs, a page at a time. */
  guideHistory: GuideHistory;
}

/** Per-request context: one "today", the versions read once, and a loader that batches code lookups (no N+1). */
export interface MedicinesContext extends MedicinesServices {
  /** Who is asking, as the gateway signed it. */
  caller: Caller;
  /** Today in Africa/Casablanca, fixed for the whole request. */
  today: string;
  /** The GMR versions, read at most once per request. */
  versions: () => Promise<GmrVersionEntity[]>;
  /** Listings of the version valid today, by EAN13. */
  medicineByCode: DataLoader<string, MedicineType | null>;
}

/** Creates the context of one request. */
export function createContext(services: MedicinesServices, caller: Caller): MedicinesContext {
  const today = services.medicines.today();
  let versions: Promise<GmrVersionEntity[]> | undefined;
  const loadVersions = (): Promise<GmrVersionEntity[]> => (versions ??= services.medicines.versions());
  return {
    ...services,
    caller,
    today,
    versions: loadVersions,
    medicineByCode: new DataLoader(async (codes: readonly string[]) =>
      services.medicines.currentMedicines(codes, await loadVersions(), today),
    ),
  };
}
