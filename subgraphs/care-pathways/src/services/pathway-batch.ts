import { randomUUID } from 'node:crypto';
import {
  checkBatchLength,
  checkIdempotencyKey,
  contentHash,
  lockNamesInTransaction,
  normaliseUuid,
  RowRefusal,
  rowRefusalOf,
  todayIn,
  writeOnce,
  type Caller,
  type ErrorKey,
  type ErrorParams,
} from '@cmb/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { CarePathwaysConfig } from '../config';
import { PathwayWriteEntity } from '../entities/pathway-write.entity';
import { mayRecordPathwayFor, organismsCovering } from '../rules/write-scope';
import {
  PathwayRowKind,
  PathwayRowStatus,
  type PathwayBatchInput,
  type PathwayBatchResult,
  type PathwayRowInput,
  type PathwayRowResult,
} from '../types/pathway-batch.types';
import {
  attachProtocol,
  decidePriorApproval,
  declareReferringDoctor,
  recogniseIllness,
  recordReferral,
  type RowReference,
  type RowWrite,
} from './pathway-row-writers';
import { PathwayWorkingSet } from './pathway-working-set';

/** The mutation a batch is kept under (its key's content includes it). */
const OPERATION = 'recordPathways';

/** The input field of each row kind: a row names exactly one. */
const KIND_FIELDS = {
  referringDoctor: PathwayRowKind.REFERRING_DOCTOR,
  longTermIllness: PathwayRowKind.LONG_TERM_ILLNESS,
  protocol: PathwayRowKind.PROTOCOL,
  referral: PathwayRowKind.REFERRAL,
  priorApprovalDecision: PathwayRowKind.PRIOR_APPROVAL_DECISION,
} as const;

/** The kind a row names, or null when it names none or several. */
function kindOf(row: PathwayRowInput): PathwayRowKind | null {
  const named = (Object.keys(KIND_FIELDS) as (keyof typeof KIND_FIELDS)[]).filter(
    (field) => row[field] !== null && row[field] !== undefined,
  );
  return named.length === 1 ? KIND_FIELDS[named[0] as keyof typeof KIND_FIELDS] : null;
}

/** The writer of a batch: the caller, as the gateway signed it. */
export type BatchWriter = Pick<Caller, 'org' | 'orgKind' | 'personOrganisms' | 'requestId' | 'language'>;

/** A row admitted past its form and its scope, with its normalised person. */
interface AdmittedRow {
  index: number;
  kind: PathwayRowKind;
  personRef: string;
  input: PathwayRowInput;
}

/**
 * Applies an OG's pathway batches (R8-R11): each row names one person and
 * one record; a row is refused alone (its code and message in the result)
 * when it is malformed, names a person the OG does not cover today (as the
 * gateway read the registry: `FORBIDDEN`, the same for an unknown person), or
 * breaks a rule; the applied rows are committed together in one transaction,
 * with the result kept under the OG's idempotency key. A database failure
 * rolls the whole batch back: nothing is written and nothing is kept under
 * the key, so a retry applies it.
 */
export class PathwayBatchService {
  private readonly reference: RowReference;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Pick<CarePathwaysConfig, 'writes' | 'timeZone' | 'aldList' | 'protocols' | 'versions'>,
    private readonly newId: () => string = randomUUID,
  ) {
    this.reference = {
      rules: config.writes,
      aldList: config.aldList,
      protocols: config.protocols,
      aldListVersion: config.versions.aldList,
    };
  }

  /**
   * Applies a batch written by `writer` (an OG: its `org` scopes the key).
   * `onPersons` learns the person of every row applied or refused, for the
   * audit trail (a retry's too: it names them again).
   */
  async apply(
    batch: PathwayBatchInput,
    writer: BatchWriter,
    now: Date = new Date(),
    onPersons?: (refs: string[]) => void,
  ): Promise<PathwayBatchResult> {
    checkIdempotencyKey(batch.idempotencyKey);
    checkBatchLength(batch.rows.length, this.config.writes.maxBatchRows);
    onPersons?.(batch.rows.flatMap((row) => normaliseUuid(row.personRef) ?? []));
    const org = writer.org ?? '';
    const hash = contentHash({ operation: OPERATION, batch });
    const { result, replayed } = await writeOnce<PathwayBatchResult>({
      find: () =>
        this.dataSource.getRepository(PathwayWriteEntity).findOne({ where: { writerOrg: org, idempotencyKey: batch.idempotencyKey } }),
      hash,
      reused: 'IDEMPOTENCY_KEY_OTHER_CONTENT',
      run: () => this.dataSource.transaction((manager) => this.applyInTransaction(manager, batch, writer, hash, now)),
    });
    return { ...result, replayed };
  }

  private async applyInTransaction(
    manager: EntityManager,
    batch: PathwayBatchInput,
    writer: BatchWriter,
    hash: string,
    now: Date,
  ): Promise<PathwayBatchResult> {
    const language = writer.language ?? 'fr';
    const results: PathwayRowResult[] = [];
    const refused = (index: number, kind: PathwayRowKind | null, key: ErrorKey, params: ErrorParams = {}): void => {
      results.push({ index, kind, status: PathwayRowStatus.REFUSED, ...rowRefusalOf(key, params, language), recordId: null });
    };

    const admitted: AdmittedRow[] = [];
    for (const [index, input] of batch.rows.entries()) {
      const kind = kindOf(input);
      const personRef = normaliseUuid(input.personRef);
      if (!personRef) refused(index, kind, 'INVALID_VALUE', { field: 'personRef', expected: 'a person reference (UUID)' });
      else if (!kind)
        refused(index, null, 'INVALID_VALUE', { field: 'row', expected: `exactly one of ${Object.keys(KIND_FIELDS).join(', ')}` });
      // The OG's own members only, as the registry says today; an unknown person gets the same answer.
      else if (!mayRecordPathwayFor(writer, personRef)) refused(index, kind, 'PATHWAY_MEMBERS_ONLY');
      else admitted.push({ index, kind, personRef, input });
    }

    const requestIds = admitted.flatMap((row) => {
      const id = row.input.priorApprovalDecision ? normaliseUuid(row.input.priorApprovalDecision.requestId) : null;
      return id ? [id] : [];
    });
    const persons = admitted.map((row) => row.personRef);
    // Each person's records are read, checked and written under its lock (in a fixed order, as beneficiaries does):
    // two batches at once, of one insurer or of two, never both pass a check the other's write would fail.
    await lockNamesInTransaction(
      manager,
      persons.map((ref) => `pathway:${ref}`),
    );
    const working = await PathwayWorkingSet.load(manager, persons, requestIds);
    const stamp = now.toISOString();
    const today = todayIn(this.config.timeZone, now);
    for (const row of admitted) {
      const write: RowWrite = {
        manager,
        working,
        organism: writer.org ?? '',
        covering: organismsCovering(writer, row.personRef) ?? [],
        requestId: writer.requestId,
        stamp,
        today,
        personRef: row.personRef,
        newId: this.newId,
      };
      try {
        const recordId = await this.applyRow(write, row);
        results.push({ index: row.index, kind: row.kind, status: PathwayRowStatus.APPLIED, code: null, message: null, recordId });
      } catch (error) {
        if (!(error instanceof RowRefusal)) throw error;
        refused(row.index, row.kind, error.key, error.params);
      }
    }

    results.sort((a, b) => a.index - b.index);
    const applied = results.filter((r) => r.status === PathwayRowStatus.APPLIED).length;
    const result: PathwayBatchResult = {
      idempotencyKey: batch.idempotencyKey,
      replayed: false,
      applied,
      refused: results.length - applied,
      rows: results,
    };
    await manager.insert(PathwayWriteEntity, {
      writerOrg: writer.org ?? '',
      idempotencyKey: batch.idempotencyKey,
      operation: OPERATION,
      contentHash: hash,
      resultJson: JSON.stringify(result),
      createdAt: stamp,
    });
    return result;
  }

  /** Writes one admitted row; a rule's refusal is a {@link RowRefusal}. */
  private applyRow(write: RowWrite, row: AdmittedRow): Promise<string> {
    const { input } = row;
    const ref = this.reference;
    if (input.referringDoctor) return declareReferringDoctor(write, input.referringDoctor, ref);
    if (input.longTermIllness) return recogniseIllness(write, input.longTermIllness, ref);
    if (input.protocol) return attachProtocol(write, input.protocol, ref);
    if (input.referral) return recordReferral(write, input.referral, ref);
    if (input.priorApprovalDecision) return decidePriorApproval(write, input.priorApprovalDecision, ref);
    throw new RowRefusal('INVALID_VALUE', { field: 'row', expected: `exactly one of ${Object.keys(KIND_FIELDS).join(', ')}` });
  }
}
