import { randomUUID } from 'node:crypto';
import {
  appError,
  checkBatchLength,
  checkIdempotencyKey,
  contentHash,
  type ErrorKey,
  hasControlCharacters,
  lockNamesInTransaction,
  recogniseNationalId,
  RowRefusal,
  rowRefusalOf,
  todayIn,
  toIsoDate,
  writeOnce,
} from '@cmb/kit';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { BeneficiariesConfig } from '../config';
import { AffiliationBatchEntity } from '../entities/affiliation-batch.entity';
import { AffiliationEntity, type AffiliationStatus } from '../entities/affiliation.entity';
import { IdentityConflictEntity } from '../entities/identity-conflict.entity';
import { PersonEntity } from '../entities/person.entity';
import { identityDifferences } from '../rules/identity-match';
import { periodsOverlap } from '../rules/one-regime';
import { mayDeclareRow } from '../rules/real-enrolment';
import { COUNTED } from './coverage-indicators';
import { addIndicatorCounts } from './indicator-counter';
import {
  type AffiliationBatchInput,
  type AffiliationBatchResult,
  type AffiliationRowInput,
  type AffiliationRowResult,
  RowStatus,
} from '../types/affiliation-batch.types';

const ROLES = new Set(['INSURED', 'SPOUSE', 'CHILD']);
const STATUSES = new Set<AffiliationStatus>(['ACTIVE', 'SUSPENDED', 'CLOSED']);
const SEXES = new Set(['F', 'M']);

/** A row that passed validation, normalised. */
interface ValidRow {
  index: number;
  nationalId: string;
  nationalIdScheme: string;
  insuredNationalId: string | null;
  input: AffiliationRowInput;
  birthDate: string;
  validFrom: string;
  validUntil: string | null;
  status: AffiliationStatus;
}

function rejected(
  index: number,
  key: ErrorKey,
  params: Record<string, string | number> = {},
  conflictingOrganism: string | null = null,
): AffiliationRowResult {
  return { index, status: RowStatus.REJECTED, ...rowRefusalOf(key, params), conflictingOrganism };
}

function dateOf(value: Date | string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  try {
    return toIsoDate(value);
  } catch {
    throw new RowRefusal('INVALID_VALUE', { field, expected: 'YYYY-MM-DD' });
  }
}

/**
 * Applies OG affiliation batches: validated row by row, the valid rows
 * committed together in one transaction (or none of them if the commit
 * fails), the one-person-one-regime rule applied a priori (R4), and the
 * first result kept under the idempotency key. A row is refused alone, in
 * this order, when it is no real enrolment of another OG's member this OG
 * never covered (closed, or a period that neither holds today nor opens
 * within `ENROLMENT_FILED_AHEAD_DAYS`: `ENROLMENT_REQUIRED`), a second active
 * regime (R4), or an identity
 * that differs from the registry's (`IDENTITY_CONFLICT`, queued for ANAM): a
 * batch never overwrites a known person's identity. The checks that need no
 * identity come first, so a row's answer never says whether an identity it
 * guessed for another OG's member is right.
 */
export class AffiliationBatchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Pick<BeneficiariesConfig, 'maxBatchRows' | 'regimesByOrganism' | 'suspensionReasons' | 'careDateWindow'>,
  ) {}

  /**
   * Applies a batch sent by `writerOrg` (the caller's organisation), which
   * scopes its idempotency key: a retry by the same organisation replays the
   * first result; another organisation's use of the same key is its own.
   * `onPersons` learns the persons its applied rows created or changed (for
   * the audit trail).
   */
  async apply(
    batch: AffiliationBatchInput,
    writerOrg: string,
    now: Date = new Date(),
    onPersons?: (refs: string[]) => void,
  ): Promise<AffiliationBatchResult> {
    this.checkEnvelope(batch);
    const hash = contentHash(batch);
    const where = { writerOrg, idempotencyKey: batch.idempotencyKey };
    const changed: string[] = [];
    const { result, replayed } = await writeOnce({
      find: () => this.dataSource.getRepository(AffiliationBatchEntity).findOne({ where }),
      hash,
      run: () => this.dataSource.transaction((manager) => this.applyInTransaction(manager, batch, writerOrg, hash, now, changed)),
    });
    if (replayed) return { ...result, replayed: true };
    onPersons?.(changed);
    return result;
  }

  private checkEnvelope(batch: AffiliationBatchInput): void {
    checkIdempotencyKey(batch.idempotencyKey);
    if (!this.config.regimesByOrganism[batch.organism]) {
      throw appError('INVALID_VALUE', { field: 'organism', expected: Object.keys(this.config.regimesByOrganism).join(', ') });
    }
    checkBatchLength(batch.rows.length, this.config.maxBatchRows);
  }

  private validate(batch: AffiliationBatchInput, row: AffiliationRowInput, index: number): ValidRow {
    const nationalId = recogniseNationalId(row.nationalId);
    if (!nationalId) throw new RowRefusal('INVALID_VALUE', { field: 'nationalId', expected: 'CIN or social identifier' });
    // One line of text: a control character would fail the statement on PostgreSQL (the whole batch an internal error).
    const text = (field: string, value: string, max: number) => {
      if (value.trim().length === 0 || value.length > max || hasControlCharacters(value))
        throw new RowRefusal('INVALID_VALUE', { field, expected: `1 to ${max} characters, no control characters` });
    };
    text('firstName', row.firstName, 80);
    text('lastName', row.lastName, 80);
    text('memberNumber', row.memberNumber, 32);
    if (!SEXES.has(row.sex)) throw new RowRefusal('INVALID_VALUE', { field: 'sex', expected: 'F or M' });
    if (!ROLES.has(row.role)) throw new RowRefusal('INVALID_VALUE', { field: 'role', expected: [...ROLES].join(', ') });
    const regimes = this.config.regimesByOrganism[batch.organism] ?? [];
    if (!regimes.includes(row.regime)) throw new RowRefusal('INVALID_VALUE', { field: 'regime', expected: regimes.join(', ') });
    const status = row.status as AffiliationStatus;
    if (!STATUSES.has(status)) throw new RowRefusal('INVALID_VALUE', { field: 'status', expected: [...STATUSES].join(', ') });
    if (status === 'SUSPENDED' && !this.config.suspensionReasons.includes(row.suspensionReason ?? '')) {
      throw new RowRefusal('INVALID_VALUE', { field: 'suspensionReason', expected: this.config.suspensionReasons.join(', ') });
    }
    const birthDate = dateOf(row.birthDate, 'birthDate') as string;
    const validFrom = dateOf(row.validFrom, 'validFrom') as string;
    const validUntil = dateOf(row.validUntil, 'validUntil');
    if (validUntil !== null && validUntil < validFrom)
      throw new RowRefusal('INVALID_VALUE', { field: 'validUntil', expected: 'on or after validFrom' });
    let insuredNationalId: string | null = null;
    if (row.role !== 'INSURED') {
      const insured = row.insuredNationalId ? recogniseNationalId(row.insuredNationalId) : null;
      if (!insured)
        throw new RowRefusal('INVALID_VALUE', {
          field: 'insuredNationalId',
          expected: 'the national id of the insured, for a dependant',
        });
      insuredNationalId = insured.value;
    }
    return {
      index,
      nationalId: nationalId.value,
      nationalIdScheme: nationalId.scheme,
      insuredNationalId,
      input: row,
      birthDate,
      validFrom,
      validUntil,
      status,
    };
  }

  private async applyInTransaction(
    manager: EntityManager,
    batch: AffiliationBatchInput,
    writerOrg: string,
    hash: string,
    now: Date,
    changed: string[],
  ): Promise<AffiliationBatchResult> {
    const results: AffiliationRowResult[] = [];
    const valid: ValidRow[] = [];
    batch.rows.forEach((row, index) => {
      try {
        valid.push(this.validate(batch, row, index));
      } catch (error) {
        if (!(error instanceof RowRefusal)) throw error;
        results.push(rejected(index, error.key, error.params));
      }
    });
    const ids = [...new Set(valid.flatMap((row) => [row.nationalId, ...(row.insuredNationalId ? [row.insuredNationalId] : [])]))];
    // Before anything about these persons is read: a batch of another OG about one of them waits for this one to end (and
    // this one for it), so each checks one person, one regime (R4) and real enrolments against what the other committed.
    await lockNamesInTransaction(
      manager,
      ids.map((id) => `person:${id}`),
    );
    const persons = ids.length > 0 ? await manager.find(PersonEntity, { where: { nationalId: In(ids) } }) : [];
    const personByNationalId = new Map(persons.map((p) => [p.nationalId, p]));
    const existing =
      persons.length > 0 ? await manager.find(AffiliationEntity, { where: { personRef: In(persons.map((p) => p.ref)) } }) : [];
    const stamp = now.toISOString();
    const today = todayIn(this.config.careDateWindow.timeZone, now);

    for (const row of valid) {
      // The insured a dependant is linked to is one of this OG's own insured (an affiliation of the OG in the role
      // INSURED, registered or earlier in this batch): one of its dependants, another OG's insured or a person nobody
      // covers is refused alike, so the answer tells nothing of the registry.
      const insuredRef = row.insuredNationalId ? personByNationalId.get(row.insuredNationalId)?.ref : undefined;
      const ownInsured =
        insuredRef !== undefined &&
        existing.some((a) => a.personRef === insuredRef && a.organism === batch.organism && a.role === 'INSURED');
      if (row.insuredNationalId && !ownInsured) {
        results.push(
          rejected(row.index, 'INVALID_VALUE', {
            field: 'insuredNationalId',
            expected: `an insured of ${batch.organism}, already registered or earlier in this batch`,
          }),
        );
        continue;
      }
      let person = personByNationalId.get(row.nationalId);
      const held = person ? existing.filter((a) => a.personRef === person?.ref) : [];
      // Any row makes its person the OG's to read: for another OG's member, only a real enrolment (before any identity check).
      if (
        !mayDeclareRow(
          batch.organism,
          held.map((a) => a.organism),
          row,
          today,
        )
      ) {
        results.push(rejected(row.index, 'ENROLMENT_REQUIRED'));
        continue;
      }
      const conflict =
        row.status === 'CLOSED'
          ? undefined
          : held.find(
              (a) => a.status !== 'CLOSED' && (a.organism !== batch.organism || a.regime !== row.input.regime) && periodsOverlap(a, row),
            );
      if (conflict) {
        results.push(rejected(row.index, 'DUPLICATE_REGISTRATION', { organism: conflict.organism }, conflict.organism));
        continue;
      }
      const declared = {
        firstName: row.input.firstName.trim(),
        lastName: row.input.lastName.trim(),
        birthDate: row.birthDate,
        sex: row.input.sex,
      };
      if (person) {
        // A batch never overwrites a known identity (R1: flag, never guess): a differing row waits for ANAM's review.
        const registry = {
          firstName: person.firstName,
          lastName: person.lastName,
          birthDate: String(person.birthDate).slice(0, 10),
          sex: person.sex,
        };
        const differs = identityDifferences(registry, declared);
        if (differs.length > 0) {
          await manager.insert(IdentityConflictEntity, {
            id: randomUUID(),
            personRef: person.ref,
            organism: batch.organism,
            idempotencyKey: batch.idempotencyKey,
            rowIndex: row.index,
            differs: differs.join(','),
            firstName: differs.includes('firstName') ? declared.firstName : null,
            lastName: differs.includes('lastName') ? declared.lastName : null,
            birthDate: differs.includes('birthDate') ? declared.birthDate : null,
            sex: differs.includes('sex') ? declared.sex : null,
            receivedAt: stamp,
          });
          results.push(rejected(row.index, 'IDENTITY_CONFLICT'));
          continue;
        }
      } else {
        person = manager.create(PersonEntity, {
          ref: randomUUID(),
          nationalId: row.nationalId,
          nationalIdScheme: row.nationalIdScheme,
          ...declared,
        });
        await manager.save(PersonEntity, person);
        personByNationalId.set(row.nationalId, person);
      }
      const current = held.find((a) => a.organism === batch.organism && a.regime === row.input.regime);
      const affiliation =
        current ??
        manager.create(AffiliationEntity, {
          id: randomUUID(),
          personRef: person.ref,
          organism: batch.organism,
          regime: row.input.regime,
          migrated: false,
        });
      Object.assign(affiliation, {
        role: row.input.role,
        insuredRef: insuredRef ?? person.ref,
        memberNumber: row.input.memberNumber,
        validFrom: row.validFrom,
        validUntil: row.validUntil,
        status: row.status,
        suspensionReason: row.status === 'SUSPENDED' ? (row.input.suspensionReason ?? null) : null,
        student: row.input.student,
        disabled: row.input.disabled,
        updatedAt: stamp,
      });
      await manager.save(AffiliationEntity, affiliation);
      if (!current) existing.push(affiliation);
      changed.push(person.ref);
      results.push({ index: row.index, status: RowStatus.APPLIED, code: null, message: null, conflictingOrganism: null });
    }

    results.sort((a, b) => a.index - b.index);
    const applied = results.filter((r) => r.status === RowStatus.APPLIED).length;
    const result: AffiliationBatchResult = {
      idempotencyKey: batch.idempotencyKey,
      replayed: false,
      applied,
      rejected: results.length - applied,
      rows: results,
    };
    const caught = results.filter((row) => row.code === 'DUPLICATE_REGISTRATION').length;
    if (caught > 0) {
      // The regulator's count of double registrations caught a priori: committed with the batch, so a replay never counts twice.
      await addIndicatorCounts(manager, manager.connection.options.type === 'postgres', [
        { indicator: COUNTED.doubleRegistrations, day: today, firstValue: '', secondValue: '', occurrences: caught },
      ]);
    }
    await manager.insert(AffiliationBatchEntity, {
      writerOrg,
      idempotencyKey: batch.idempotencyKey,
      organism: batch.organism,
      contentHash: hash,
      resultJson: JSON.stringify(result),
      createdAt: stamp,
    });
    return result;
  }
}
