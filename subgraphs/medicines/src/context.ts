import DataLoader from 'dataloader';
import type { GmrVersionEntity } from './entities/gmr-version.entity';
import type { GmrStore } from './services/gmr-store';
import type { MedicineService } from './services/medicine-service';
import type { MedicineType } from './types/medicine.type';

/** Long-lived services of the subgraph, built once in `app.ts`. */
export interface MedicinesServices {
  store: GmrStore;
  medicines: MedicineService;
}

/** Per-request context: one "today", the versions read once, and a loader that batches code lookups (no N+1). */
export interface MedicinesContext extends MedicinesServices {
  /** Today in Africa/Casablanca, fixed for the whole request. */
  today: string;
  /** The GMR versions, read at most once per request. */
  versions: () => Promise<GmrVersionEntity[]>;
  /** Listings of the version valid today, by EAN13. */
  medicineByCode: DataLoader<string, MedicineType | null>;
}

/** Creates the context of one request. */
export function createContext(services: MedicinesServices): MedicinesContext {
  const today = services.medicines.today();
  let versions: Promise<GmrVersionEntity[]> | undefined;
  const loadVersions = (): Promise<GmrVersionEntity[]> => (versions ??= services.medicines.versions());
  return {
    ...services,
    today,
    versions: loadVersions,
    medicineByCode: new DataLoader(async (codes: readonly string[]) =>
      services.medicines.currentMedicines(codes, await loadVersions(), today),
    ),
  };
}
