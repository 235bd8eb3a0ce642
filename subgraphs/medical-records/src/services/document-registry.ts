import { randomUUID } from 'node:crypto';
import { addDays, appError, assertDateWithin, parseInpe, todayIn, toIsoDate, type Caller } from '@cmb/kit';
import type { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { MedicalRecordsConfig } from '../config';
import { ConsentBlockEntity } from '../entities/consent-block.entity';
import { DocumentPointerEntity } from '../entities/document-pointer.entity';
import type { ConfidentialityCode } from '../rules/facts';
import { mayAddPointer } from '../rules/pointer-care';
import { mayChangePointer, mayRegisterPointer } from '../rules/pointer-custody';
import { nextStatus, supersessionRefusal, type SupersessionRefusal } from '../rules/status-transition';
import { normaliseUuid, validatePointer } from '../rules/validate-pointer';
import { checkWithdrawalReason } from '../rules/validate-withdrawal';
import { lockRecord } from './record-lock';
import type { RegisterDocumentInput } from '../types/register-document-input';

/** The error for a `supersedes` that names no current pointer of the person; it never says whose pointer it is. */
function supersessionError(refusal: SupersessionRefusal): GraphQLError {
  return appError('INVALID_VALUE', {
    field: 'supersedes',
    expected:
      refusal === 'NOT_CURRENT'
        ? 'a CURRENT document: a superseded or withdrawn version cannot be replaced again'
        : 'the id of a CURRENT document of the same person',
  });
}

/**
 * The refusal of a write outside the writer's custody: the same for a pointer
 * that is someone else's and for one that does not exist, and it names none.
 */
const notYours = () => appError('RECORD_CUSTODIAN_ONLY');

/**
 * The refusal of a pointer added outside a care relationship: the same for an
 * unknown person, another organisation's patient and a blocked provider.
 */
const noCareRelationship = () => appError('RECORD_CARE_RELATIONSHIP_REQUIRED');

/** Who writes: the caller, with the INPEs it acts for and its care relationships, as the gateway read them. */
export type Writer = Pick<Caller, 'org' | 'orgKind' | 'actsFor' | 'careRelationships'>;

/** The error for a withdrawal of a pointer that is no longer CURRENT. */
const notWithdrawable = () =>
  appError('INVALID_VALUE', { field: 'id', expected: 'a CURRENT document: superseded and withdrawn documents cannot be withdrawn' });

/**
 * Writes of the record registry. Input is validated at the edge (nothing is
 * written when it fails, and no error repeats a value); a writer changes only
 * the pointers it keeps (`rules/pointer-custody.ts`); each write is one
 * transaction, so registering a new version and superseding the old one
 * happen together or not at all.
 */
export class DocumentRegistry {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Pick<MedicalRecordsConfig, 'pointerRules' | 'serviceDateWindow' | 'withdrawalReasonMaxLength' | 'access'>,
    private readonly newId: () => string = randomUUID,
  ) {}

  /**
   * Registers a pointer the writer keeps, naming its circle as author and
   * custodian, for a person within the writer's care relationship who blocked
   * none of them (`rules/pointer-care.ts`); with `supersedes`, the replaced
   * pointer (which it must keep too) becomes SUPERSEDED in the same
   * transaction.
   */
  async register(input: RegisterDocumentInput, writer: Writer, now: Date = new Date()): Promise<DocumentPointerEntity> {
    const checked = validatePointer(input, this.config.pointerRules);
    if (!checked.ok) throw appError('INVALID_VALUE', { ...checked.violation });
    const pointer = checked.value;
    const authorInpe = parseInpe(input.authorInpe);
    const custodianInpe = parseInpe(input.custodianInpe);
    const serviceDate = this.serviceDate(input.serviceDate, now);
    if (!mayRegisterPointer(writer, { authorInpe, custodianInpe })) throw notYours();
    const stamp = now.toISOString();
    return this.dataSource.transaction(async (manager) => {
      const blocks = await manager.find(ConsentBlockEntity, { where: { personRef: pointer.personRef } });
      const care = {
        writer,
        personRef: pointer.personRef,
        authorInpe,
        custodianInpe,
        blockedInpes: new Set(blocks.map((block) => block.blockedInpe)),
        today: todayIn(this.config.access.timeZone, now),
      };
      if (!mayAddPointer(care, this.config.access.careRelationshipDays)) throw noCareRelationship();
      // A new version keeps the person's mask of the version it replaces (the mask is the document's, not a row's), read
      // under the person's record lock, which a change of the mask takes too.
      if (pointer.supersedes) await lockRecord(manager, pointer.personRef);
      const masked = pointer.supersedes ? await this.supersede(manager, pointer.supersedes, pointer.personRef, writer, stamp) : false;
      const entity = manager.create(DocumentPointerEntity, {
        id: this.newId(),
        personRef: pointer.personRef,
        type: pointer.type,
        title: pointer.title,
        authorInpe,
        custodianInpe,
        repositoryUrl: pointer.repositoryUrl,
        sha256: pointer.sha256,
        sizeBytes: pointer.sizeBytes,
        mimeType: pointer.mimeType,
        confidentiality: input.confidentiality as ConfidentialityCode,
        status: 'CURRENT',
        supersedes: pointer.supersedes,
        serviceDate,
        registeredAt: stamp,
        statusChangedAt: null,
        withdrawalReason: null,
        masked,
      });
      await manager.insert(DocumentPointerEntity, entity);
      return entity;
    });
  }

  /** Withdraws a CURRENT pointer the writer keeps, for good, keeping the reason for the audit. */
  async withdraw(rawId: string, rawReason: string, writer: Writer, now: Date = new Date()): Promise<DocumentPointerEntity> {
    const id = normaliseUuid(rawId);
    if (!id) throw appError('INVALID_VALUE', { field: 'id', expected: 'a document id (UUID)' });
    const reason = checkWithdrawalReason(rawReason, this.config.withdrawalReasonMaxLength);
    if (!reason.ok) throw appError('INVALID_VALUE', { ...reason.violation });
    const stamp = now.toISOString();
    return this.dataSource.transaction(async (manager) => {
      const pointer = await manager.findOne(DocumentPointerEntity, { where: { id } });
      if (!pointer || !mayChangePointer(writer, pointer)) throw notYours();
      const next = nextStatus(pointer.status, 'WITHDRAW');
      if (!next) throw notWithdrawable();
      const changes = { status: next, statusChangedAt: stamp, withdrawalReason: reason.value };
      // Conditional on the status read: a concurrent change makes this a no-op, refused below.
      const result = await manager.update(DocumentPointerEntity, { id, status: pointer.status }, changes);
      if (result.affected !== 1) throw notWithdrawable();
      return Object.assign(pointer, changes);
    });
  }

  /**
   * Marks the replaced pointer SUPERSEDED, only if the writer keeps it and it
   * is a CURRENT pointer of the same person; returns whether the person
   * masked it (read under the person's record lock, which the caller holds).
   */
  private async supersede(manager: EntityManager, id: string, personRef: string, writer: Writer, stamp: string): Promise<boolean> {
    const previous = await manager.findOne(DocumentPointerEntity, { where: { id } });
    if (!previous || !mayChangePointer(writer, previous)) throw notYours();
    const refusal = supersessionRefusal(previous, personRef);
    if (refusal || !previous) throw supersessionError(refusal ?? 'UNKNOWN_DOCUMENT');
    const next = nextStatus(previous.status, 'SUPERSEDE');
    if (!next) throw supersessionError('NOT_CURRENT');
    // Conditional on the status read: of two concurrent new versions, only one supersedes.
    const result = await manager.update(
      DocumentPointerEntity,
      { id, personRef, status: previous.status },
      { status: next, statusChangedAt: stamp },
    );
    if (result.affected !== 1) throw supersessionError('NOT_CURRENT');
    const updated = await manager.findOne(DocumentPointerEntity, { where: { id }, select: { id: true, masked: true } });
    return updated?.masked ?? false;
  }

  /** The service date, refused when malformed, in the future, or before the earliest accepted date. */
  private serviceDate(value: Date | string, now: Date): string {
    const window = this.config.serviceDateWindow;
    const date = toIsoDate(value);
    return assertDateWithin(date, window.earliest, addDays(todayIn(window.timeZone, now), window.maxDaysAhead));
  }
}
