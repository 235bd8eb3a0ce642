import { preparedQuery, sqlPlaceholders } from '@cmb/kit';
import type { DataSource } from 'typeorm';
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

/** The per-person tables, in a fixed order: a row's table is its index here. */
const PATHWAY_ENTITIES = [
  ReferringDoctorEntity,
  LongTermIllnessEntity,
  PcsEnrolmentEntity,
  ReferralEntity,
  PathwayExceptionEntity,
  PriorApprovalEntity,
] as const;

/** Column types whose JSON text is what the ORM reads, on both engines. */
const JSON_SAFE_TYPES = new Set(['varchar', 'text', 'date']);
/** Statements kept for batches of up to this many persons (one check asks for one); larger ones are built each time. */
const MAX_CACHED_BATCH = 16;

/** One row of the pathway statement: its table's index in `PATHWAY_ENTITIES`, the row as a JSON object by property name. */
interface PathwayRow {
  t: number | string;
  /** PostgreSQL's driver parses `json` into an object; SQLite answers the text. */
  r: string | Record<string, unknown>;
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
  /** The statement for a number of persons (a check asks for one; a batch for a few). */
  private readonly statements = new Map<number, string>();

  /** Builds the one-person statement at once: a column JSON cannot carry as the ORM reads it stops the subgraph at its start. */
  constructor(private readonly dataSource: DataSource) {
    this.statementFor(1);
  }

  /**
   * Every row of the six tables for these persons in one indexed statement:
   * a UNION ALL of one lookup per table, each row as a JSON object keyed by
   * the entity's property names (every column is text or a date, which JSON
   * carries as the same `YYYY-MM-DD` text the ORM reads).
   */
  private statementFor(count: number): string {
    const cached = this.statements.get(count);
    if (cached) return cached;
    const postgres = this.dataSource.options.type === 'postgres';
    const placeholders = sqlPlaceholders(this.dataSource, count);
    const lookups = PATHWAY_ENTITIES.map((entity, index) => {
      const { tableName, columns } = this.dataSource.getMetadata(entity);
      const unfit = columns.find((column) => !JSON_SAFE_TYPES.has(String(column.type)) || column.transformer);
      // A boolean, a number or a timestamp reads differently through JSON on each engine, and a transformer would be skipped.
      if (unfit) throw new Error(`${tableName}.${unfit.databaseName}: only text and date columns are read as JSON rows`);
      const pairs = columns.map((column) => `'${column.propertyName}', "${column.databaseName}"`).join(', ');
      const row = postgres ? `json_build_object(${pairs})` : `json_object(${pairs})`;
      return `SELECT ${index} AS t, ${row} AS r FROM "${tableName}" WHERE "person_ref" IN (${placeholders})`;
    });
    const statement = lookups.join(' UNION ALL ');
    if (count <= MAX_CACHED_BATCH) this.statements.set(count, statement);
    return statement;
  }

  /** Pathway records for many persons, in the order asked, from one statement. */
  async loadRecords(refs: readonly string[]): Promise<PathwayRecord[]> {
    const distinct = [...new Set(refs)];
    if (distinct.length === 0) return [];
    // PostgreSQL reuses $1..$n in every lookup; SQLite takes anonymous parameters, repeated per lookup.
    const parameters = this.dataSource.options.type === 'postgres' ? distinct : PATHWAY_ENTITIES.flatMap(() => distinct);
    const rows = await preparedQuery<PathwayRow>(this.dataSource, this.statementFor(distinct.length), parameters);
    const tables: { personRef: string }[][] = PATHWAY_ENTITIES.map(() => []);
    for (const { t, r } of rows) tables[Number(t)].push((typeof r === 'string' ? JSON.parse(r) : r) as { personRef: string });
    const [referringDoctors, illnesses, enrolments, referrals, exceptions, approvals] = tables.map(byPerson);
    return refs.map((ref) => ({
      referringDoctors: (referringDoctors.get(ref) ?? []) as ReferringDoctorEntity[],
      illnesses: (illnesses.get(ref) ?? []) as LongTermIllnessEntity[],
      enrolments: (enrolments.get(ref) ?? []) as PcsEnrolmentEntity[],
      referrals: (referrals.get(ref) ?? []) as ReferralEntity[],
      exceptions: (exceptions.get(ref) ?? []) as PathwayExceptionEntity[],
      approvals: (approvals.get(ref) ?? []) as PriorApprovalEntity[],
    }));
  }
}
