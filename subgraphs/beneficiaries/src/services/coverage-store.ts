import { In, type DataSource } from 'typeorm';
import { AffiliationEntity } from '../entities/affiliation.entity';
import { PersonEntity } from '../entities/person.entity';
import type { AffiliationFact } from '../rules/facts';

/** A person with every affiliation the rules need, dependants linked to their insured's affiliation. */
export interface CoverageRecord {
  person: PersonEntity;
  affiliations: AffiliationFact[];
}

function baseFact(entity: AffiliationEntity): Omit<AffiliationFact, 'insured'> {
  return {
    organism: entity.organism,
    regime: entity.regime,
    role: entity.role,
    memberNumber: entity.memberNumber,
    validFrom: entity.validFrom,
    validUntil: entity.validUntil,
    status: entity.status,
    suspensionReason: entity.suspensionReason,
    student: Boolean(entity.student),
    disabled: Boolean(entity.disabled),
  };
}

function toFact(entity: AffiliationEntity, insured: AffiliationEntity | null): AffiliationFact {
  return { ...baseFact(entity), insured: insured ? baseFact(insured) : null };
}

/** Reads persons and their affiliations with indexed lookups only (no scans on the hot path). */
export class CoverageStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Finds a person by national id (unique index). */
  findPersonByNationalId(nationalId: string): Promise<PersonEntity | null> {
    return this.dataSource.getRepository(PersonEntity).findOne({ where: { nationalId } });
  }

  /** Persons by reference, in the order asked (null where unknown). */
  async findPersons(refs: readonly string[]): Promise<(PersonEntity | null)[]> {
    const rows = await this.dataSource.getRepository(PersonEntity).find({ where: { ref: In([...refs]) } });
    const byRef = new Map(rows.map((row) => [row.ref, row]));
    return refs.map((ref) => byRef.get(ref) ?? null);
  }

  /** Coverage records for many persons in three indexed queries, whatever their number. */
  async loadCoverage(refs: readonly string[]): Promise<(CoverageRecord | null)[]> {
    const persons = await this.findPersons(refs);
    const known = persons.filter((p): p is PersonEntity => p !== null).map((p) => p.ref);
    const affiliationRepo = this.dataSource.getRepository(AffiliationEntity);
    const affiliations = known.length > 0 ? await affiliationRepo.find({ where: { personRef: In(known) } }) : [];
    const insuredRefs = [...new Set(affiliations.filter((a) => a.role !== 'INSURED').map((a) => a.insuredRef))];
    const insuredRows = insuredRefs.length > 0 ? await affiliationRepo.find({ where: { personRef: In(insuredRefs) } }) : [];
    const insuredKey = (ref: string, organism: string, regime: string) => `${ref}|${organism}|${regime}`;
    const insuredByKey = new Map(insuredRows.map((row) => [insuredKey(row.personRef, row.organism, row.regime), row]));
    return persons.map((person) => {
      if (!person) return null;
      const own = affiliations.filter((a) => a.personRef === person.ref);
      return {
        person,
        affiliations: own.map((a) =>
          toFact(a, a.role === 'INSURED' ? null : insuredByKey.get(insuredKey(a.insuredRef, a.organism, a.regime)) ?? null),
        ),
      };
    });
  }

  /** Affiliations of one person, newest first (affiliation history). */
  affiliationsOf(personRef: string): Promise<AffiliationEntity[]> {
    return this.dataSource.getRepository(AffiliationEntity).find({ where: { personRef }, order: { validFrom: 'DESC' } });
  }

  /** Dependants covered through an insured person, within one organism when given. */
  async dependantsOf(insuredRef: string, organism: string | null = null): Promise<PersonEntity[]> {
    const rows = await this.dataSource
      .getRepository(AffiliationEntity)
      .find({ where: organism === null ? { insuredRef } : { insuredRef, organism }, select: { personRef: true, role: true } });
    const refs = [...new Set(rows.filter((r) => r.role !== 'INSURED').map((r) => r.personRef))];
    return refs.length > 0 ? this.dataSource.getRepository(PersonEntity).find({ where: { ref: In(refs) } }) : [];
  }
}
