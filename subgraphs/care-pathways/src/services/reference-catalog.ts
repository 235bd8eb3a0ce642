import type { AldCondition, CarePathwaysConfig, TherapeuticProtocol } from '../config';
import type { AldConditionType } from '../types/ald-condition.type';
import type { TherapeuticProtocolType } from '../types/therapeutic-protocol.type';

/** The versioned reference lists (ALD/ALC, therapeutic protocols), served without any personal data. */
export class ReferenceCatalog {
  private readonly aldByCode: Map<string, AldCondition>;

  constructor(private readonly config: Pick<CarePathwaysConfig, 'aldList' | 'protocols' | 'versions'>) {
    this.aldByCode = new Map(config.aldList.map((entry) => [entry.code, entry]));
  }

  /** The ALD/ALC list in force. */
  aldList(): AldConditionType[] {
    return this.config.aldList.map((entry) => ({ ...entry, listVersion: this.config.versions.aldList }));
  }

  /** One entry of the ALD list by code, or null for a code no longer listed. */
  ald(code: string): AldCondition | null {
    return this.aldByCode.get(code) ?? null;
  }

  /** The therapeutic protocols, all or those of one pathology. */
  protocols(pathology?: string | null): TherapeuticProtocolType[] {
    const all: TherapeuticProtocol[] = this.config.protocols;
    const chosen = pathology ? all.filter((p) => p.pathology === pathology) : all;
    return chosen.map((p) => ({ ...p, dci: [...p.dci] }));
  }
}
