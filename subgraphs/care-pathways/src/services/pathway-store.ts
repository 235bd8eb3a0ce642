import { preparedQuery, sqlPlaceholders } from '@cmb/kit';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { LongTermIllnessEntity } from '../entities/long-term-illness.entity';
import { PathwayExceptionEntity } from '../entities/pathway-exception.entity';
import { PcsEnrolmentEntity } from '../entities/pcs-enrolment.entity';
import { PriorApprovalEntity } from '../entities/prior-approval.entity';
import { ReferralEntity } from '../entities/referral.entity';
import { ReferringDoctorEntity } from '../entities/referring-doctor.entity';

/** Everything this subgraph holds about one person; empty lists for a person it knows nothing of. */
export interface PathwayRecord {
  referringDoctors: ReferringDoctorEntity[];
  illnesses: LongTermIllnessEntity[];
  enrolments: PcsEnrolmentEntity[];
  referrals: ReferralEntity[];
  exceptions: PathwayExceptionEntity[];
  approvals: PriorApprovalEntity[];
}

/** A record with nothing in it: the person has no pathway data here (or is unknown to the federation). */
export function emptyPathwayRecord(): PathwayRecord {
  return { referringDoctors: [], illnesses: [], enrolments: [], referrals: [], exceptions: [], approvals: [] };
}

/** The per-person tables, in a fixed order (their index names them in the presence probe). */
const PATHWAY_ENTITIES = [
  ReferringDoctorEntity,
  LongTermIllnessEntity,
  PcsEnrolmentEntity,
  ReferralEntity,
  PathwayExceptionEntity,
  PriorApprovalEntity,
] as const;

/** Groups rows by person reference. */
function byPerson<T extends { personRef: string }>(rows: T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.personRef);
    if (list) list.push(row);
    else grouped.set(row.personRef, [row]);
  }
  return grouped;
}

/** Reads pathway records with indexed lookups by person reference only (no scans on the hot path). */
export class PathwayStore {
  constructor(private readonly dataSource: DataSource) {}

  private rowsOf<T extends ObjectLiteral & { personRef: string }>(entity: EntityTarget<T>, refs: string[]): Promise<T[]> {
    return this.dataSource.getRepository(entity).find({ where: { personRef: In(refs) } as never });
  }

  /**
   * The tables that hold at least one row for these persons, in one indexed
   * statement (UNION ALL of `EXISTS`-style probes). Most persons have no
   * pathway data at all, so the hot path usually stops here.
   */
  private async tablesWithRows(refs: string[]): Promise<Set<EntityTarget<ObjectLiteral>>> {
    // PostgreSQL reuses $1..$n in every probe; SQLite takes anonymous parameters, repeated per probe.
    const postgres = this.dataSource.options.type === 'postgres';
    const placeholders = sqlPlaceholders(this.dataSource, refs.length);
    const probes = PATHWAY_ENTITIES.map((entity, index) => {
      const table = this.dataSource.getMetadata(entity).tableName;
      return `SELECT ${index} AS t FROM (SELECT 1 FROM "${table}" WHERE "person_ref" IN (${placeholders}) LIMIT 1) AS p${index}`;
    });
    const parameters = postgres ? refs : PATHWAY_ENTITIES.flatMap(() => refs);
    const rows = await preparedQuery<{ t: number | string }>(this.dataSource, probes.join(' UNION ALL '), parameters);
    return new Set(rows.map((row) => PATHWAY_ENTITIES[Number(row.t)] as EntityTarget<ObjectLiteral>));
  }

  /** Pathway records for many persons, in the order asked: one probe, then one query per table that has rows. */
  async loadRecords(refs: readonly string[]): Promise<PathwayRecord[]> {
    const distinct = [...new Set(refs)];
    if (distinct.length === 0) return [];
    const present = await this.tablesWithRows(distinct);
    const load = <T extends ObjectLiteral & { personRef: string }>(entity: EntityTarget<T>): Promise<T[]> =>
      present.has(entity as EntityTarget<ObjectLiteral>) ? this.rowsOf(entity, distinct) : Promise.resolve([]);
    const [referringDoctors, illnesses, enrolments, referrals, exceptions, approvals] = await Promise.all([
      load(ReferringDoctorEntity),
      load(LongTermIllnessEntity),
      load(PcsEnrolmentEntity),
      load(ReferralEntity),
      load(PathwayExceptionEntity),
      load(PriorApprovalEntity),
    ]);
    const grouped = {
      referringDoctors: byPerson(referringDoctors),
      illnesses: byPerson(illnesses),
      enrolments: byPerson(enrolments),
      referrals: byPerson(referrals),
      exceptions: byPerson(exceptions),
      approvals: byPerson(approvals),
    };
    return refs.map((ref) => ({
      referringDoctors: grouped.referringDoctors.get(ref) ?? [],
      illnesses: grouped.illnesses.get(ref) ?? [],
      enrolments: grouped.enrolments.get(ref) ?? [],
      referrals: grouped.referrals.get(ref) ?? [],
      exceptions: grouped.exceptions.get(ref) ?? [],
      approvals: grouped.approvals.get(ref) ?? [],
    }));
  }
}
