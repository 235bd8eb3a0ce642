import { In, type EntityManager } from 'typeorm';
import { LongTermIllnessEntity } from '../entities/long-term-illness.entity';
import { PcsEnrolmentEntity } from '../entities/pcs-enrolment.entity';
import { PriorApprovalEntity } from '../entities/prior-approval.entity';
import { ReferringDoctorEntity } from '../entities/referring-doctor.entity';

/** The list of a person in a map, created empty when absent, so what is added to it stays. */
function listOf<T>(map: Map<string, T[]>, ref: string): T[] {
  let list = map.get(ref);
  if (!list) {
    list = [];
    map.set(ref, list);
  }
  return list;
}

/**
 * What a batch reads before it writes, inside its transaction: the records
 * of the persons its admitted rows name (the OG's own members only), and the
 * prior approval requests its decisions name. A row sees the rows before it:
 * what they wrote is added here too.
 */
export class PathwayWorkingSet {
  private constructor(
    private readonly declarations: Map<string, ReferringDoctorEntity[]>,
    private readonly enrolmentsByPerson: Map<string, PcsEnrolmentEntity[]>,
    private readonly illnessesByPerson: Map<string, LongTermIllnessEntity[]>,
    private readonly approvals: Map<string, PriorApprovalEntity>,
  ) {}

  /** Loads, with one indexed query per table, the records of these persons and these prior approval requests. */
  static async load(manager: EntityManager, refs: readonly string[], requestIds: readonly string[]): Promise<PathwayWorkingSet> {
    const persons = [...new Set(refs)];
    const byPerson = <T extends { personRef: string }>(rows: T[]) => {
      const map = new Map<string, T[]>(persons.map((ref): [string, T[]] => [ref, []]));
      for (const row of rows) map.get(row.personRef)?.push(row);
      return map;
    };
    const where = { personRef: In(persons) };
    // One after the other: a transaction holds one connection, which runs one statement at a time.
    const declarations = persons.length > 0 ? await manager.find(ReferringDoctorEntity, { where }) : [];
    const enrolments = persons.length > 0 ? await manager.find(PcsEnrolmentEntity, { where }) : [];
    const illnesses = persons.length > 0 ? await manager.find(LongTermIllnessEntity, { where }) : [];
    const approvals = requestIds.length > 0 ? await manager.find(PriorApprovalEntity, { where: { id: In([...new Set(requestIds)]) } }) : [];
    return new PathwayWorkingSet(
      byPerson(declarations),
      byPerson(enrolments),
      byPerson(illnesses),
      new Map(approvals.map((a) => [a.id, a])),
    );
  }

  /** The person's referring-doctor declarations. */
  declarationsOf(ref: string): ReferringDoctorEntity[] {
    return listOf(this.declarations, ref);
  }

  /** The person's pathway enrolments (they name a referring doctor too). */
  enrolmentsOf(ref: string): PcsEnrolmentEntity[] {
    return this.enrolmentsByPerson.get(ref) ?? [];
  }

  /** The person's recognised illnesses. */
  illnessesOf(ref: string): LongTermIllnessEntity[] {
    return listOf(this.illnessesByPerson, ref);
  }

  /** A prior approval request by id, or undefined when unknown. */
  approval(id: string): PriorApprovalEntity | undefined {
    return this.approvals.get(id);
  }

  /** Adds a declaration a row wrote. */
  addDeclaration(row: ReferringDoctorEntity): void {
    this.declarationsOf(row.personRef).push(row);
  }

  /** Adds an illness a row recognised. */
  addIllness(row: LongTermIllnessEntity): void {
    this.illnessesOf(row.personRef).push(row);
  }
}
