import { randomUUID } from 'node:crypto';
import {
  appError,
  checkIdempotencyKey,
  contentHash,
  isIsoInstant,
  normaliseUuid,
  todayIn,
  toIsoDate,
  writeOnce,
  type Caller,
  type CareType,
} from '@cmb/kit';
import { IsNull, LessThan, Not, type DataSource, type FindOptionsWhere } from 'typeorm';
import type { CarePathwaysConfig } from '../config';
import { PathwayWriteEntity } from '../entities/pathway-write.entity';
import { PriorApprovalEntity } from '../entities/prior-approval.entity';
import { addresseeOf } from '../rules/write-scope';
import { requestViolation } from '../rules/write-validity';
import {
  PriorApprovalStatus,
  type PriorApprovalRequestInput,
  type PriorApprovalRequestPage,
  type PriorApprovalRequestResult,
  type PriorApprovalRequestType,
} from '../types/prior-approval-request.types';

/** The mutation a request is kept under (its key's content includes it). */
const OPERATION = 'requestPriorApproval';
/** Largest page of requests. */
const MAX_PAGE = 200;

/** The requester: an establishment, as the gateway signed it. */
export type Requester = Pick<Caller, 'org' | 'orgKind' | 'personOrganisms' | 'requestId'>;

/** A request row as its establishment and its OG see it. */
export function toPriorApprovalRequest(row: PriorApprovalEntity): PriorApprovalRequestType {
  const granted = row.status === PriorApprovalStatus.GRANTED;
  return {
    id: row.id,
    personRef: row.personRef,
    organism: row.organism,
    careType: row.careType as CareType,
    actCode: row.actCode,
    plannedOn: String(row.plannedOn ?? row.validFrom).slice(0, 10),
    status: row.status as PriorApprovalStatus,
    requestedBy: row.requestedBy ?? '',
    requestedAt: row.requestedAt ?? '',
    decidedAt: row.decidedAt,
    validFrom: granted ? String(row.validFrom).slice(0, 10) : null,
    validUntil: granted && row.validUntil ? String(row.validUntil).slice(0, 10) : null,
    refusalReason: row.refusalReason,
  };
}

/** A listing position: the request time and id of the last request served. */
function encodeCursor(row: { requestedAt: string | null; id: string }): string {
  return Buffer.from(JSON.stringify([row.requestedAt, row.id]), 'utf8').toString('base64url');
}

function decodeCursor(raw: string): { requestedAt: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      const id = normaliseUuid(parsed[1]);
      if (id && isIsoInstant(parsed[0])) return { requestedAt: parsed[0], id };
    }
  } catch {
    // falls through to the refusal
  }
  throw appError('CURSOR_MALFORMED');
}

/**
 * Prior approval requests (R11, seeds/001_225b0d72771d4c3f.txt:L830): an
 * establishment asks the person's OG, the one organism the registry says
 * covers them today (as the gateway read it for this write), for care it will
 * give; the request is REQUESTED until that OG decides it (its batches). The
 * establishment reads back the requests it made, the OG those addressed to it.
 */
export class PriorApprovalRequests {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Pick<CarePathwaysConfig, 'writes' | 'timeZone'>,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** Files a request, once per establishment key: a retry answers with the same request (as it stands now). */
  async request(input: PriorApprovalRequestInput, requester: Requester, now: Date = new Date()): Promise<PriorApprovalRequestResult> {
    const org = requester.org;
    if (requester.orgKind !== 'ESTABLISHMENT' || !org) throw appError('FORBIDDEN', { paths: 'requestPriorApproval' });
    checkIdempotencyKey(input.idempotencyKey);
    const personRef = normaliseUuid(input.personRef);
    if (!personRef) throw appError('INVALID_VALUE', { field: 'personRef', expected: 'a person reference (UUID)' });
    const plannedOn = toIsoDate(input.plannedOn);
    const actCode = input.actCode ?? null;
    const violation = requestViolation({ actCode, plannedOn }, todayIn(this.config.timeZone, now), this.config.writes);
    if (violation) throw appError('INVALID_VALUE', { ...violation });
    const hash = contentHash({ operation: OPERATION, personRef, careType: input.careType, actCode, plannedOn });
    const key = { writerOrg: org, idempotencyKey: input.idempotencyKey };
    const { result, replayed } = await writeOnce<{ requestId: string }>({
      find: () => this.dataSource.getRepository(PathwayWriteEntity).findOne({ where: key }),
      hash,
      reused: 'IDEMPOTENCY_KEY_OTHER_CONTENT',
      run: () =>
        this.dataSource.transaction(async (manager) => {
          // Addressed to the one OG covering the person today; none (or an unknown person) and several are refused.
          const addressee = addresseeOf(requester, personRef);
          if ('refused' in addressee) throw appError(addressee.refused);
          const stamp = now.toISOString();
          const row = manager.create(PriorApprovalEntity, {
            id: this.newId(),
            personRef,
            organism: addressee.organism,
            careType: input.careType,
            actCode,
            status: PriorApprovalStatus.REQUESTED,
            validFrom: plannedOn,
            validUntil: plannedOn,
            plannedOn,
            requestedBy: org,
            requestedAt: stamp,
            requestId: requester.requestId,
            decidedAt: null,
            decisionRequestId: null,
            refusalReason: null,
          });
          await manager.insert(PriorApprovalEntity, row);
          const stored = { requestId: row.id };
          await manager.insert(PathwayWriteEntity, {
            ...key,
            operation: OPERATION,
            contentHash: hash,
            resultJson: JSON.stringify(stored),
            createdAt: stamp,
          });
          return stored;
        }),
    });
    const row = await this.dataSource.getRepository(PriorApprovalEntity).findOneOrFail({ where: { id: result.requestId } });
    return { replayed, request: toPriorApprovalRequest(row) };
  }

  /**
   * The requests a caller may list, newest first: an establishment those it
   * made, an OG those addressed to it; anyone else none (`FORBIDDEN`).
   */
  async list(
    caller: Pick<Caller, 'org' | 'orgKind'>,
    options: { status?: PriorApprovalStatus | null; first: number; after?: string | null },
  ): Promise<PriorApprovalRequestPage> {
    const org = caller.org;
    if (!org || (caller.orgKind !== 'ESTABLISHMENT' && caller.orgKind !== 'OG'))
      throw appError('FORBIDDEN', { paths: 'priorApprovalRequests' });
    if (!Number.isInteger(options.first) || options.first < 1 || options.first > MAX_PAGE)
      throw appError('INVALID_VALUE', { field: 'first', expected: `1 to ${MAX_PAGE}` });
    const base: FindOptionsWhere<PriorApprovalEntity> =
      caller.orgKind === 'ESTABLISHMENT' ? { requestedBy: org } : { organism: org, requestedBy: Not(IsNull()) };
    if (options.status) base.status = options.status;
    const after = options.after ? decodeCursor(options.after) : null;
    // Keyset on (requested_at, id), newest first: the same request time, then a smaller id.
    const where: FindOptionsWhere<PriorApprovalEntity>[] = after
      ? [
          { ...base, requestedAt: LessThan(after.requestedAt) },
          { ...base, requestedAt: after.requestedAt, id: LessThan(after.id) },
        ]
      : [{ ...base, requestedAt: Not(IsNull()) }];
    const rows = await this.dataSource.getRepository(PriorApprovalEntity).find({
      where,
      order: { requestedAt: 'DESC', id: 'DESC' },
      take: options.first + 1,
    });
    const page = rows.slice(0, options.first);
    const last = page[page.length - 1];
    return {
      nodes: page.map(toPriorApprovalRequest),
      endCursor: last ? encodeCursor(last) : null,
      hasNextPage: rows.length > options.first,
    };
  }
}
