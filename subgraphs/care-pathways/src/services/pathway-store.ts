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

  /** Pathway records for many persons, in the order asked: one query per table, whatever their number. */
  async loadRecords(refs: readonly string[]): Promise<PathwayRecord[]> {
    const distinct = [...new Set(refs)];
    if (distinct.length === 0) return [];
    const [referringDoctors, illnesses, enrolments, referrals, exceptions, approvals] = await Promise.all([
      this.rowsOf(ReferringDoctorEntity, distinct),
      this.rowsOf(LongTermIllnessEntity, distinct),
      this.rowsOf(PcsEnrolmentEntity, distinct),
      this.rowsOf(ReferralEntity, distinct),
      this.rowsOf(PathwayExceptionEntity, distinct),
      this.rowsOf(PriorApprovalEntity, distinct),
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
