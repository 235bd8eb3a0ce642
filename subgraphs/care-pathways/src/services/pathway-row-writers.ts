import { appError, normaliseUuid, parseInpe, RowRefusal, toIsoDate } from '@cmb/kit';
import type { EntityManager } from 'typeorm';
import type { AldCondition, TherapeuticProtocol } from '../config';
import { LongTermIllnessEntity } from '../entities/long-term-illness.entity';
import { PriorApprovalEntity } from '../entities/prior-approval.entity';
import { ReferralEntity } from '../entities/referral.entity';
import { ReferringDoctorEntity } from '../entities/referring-doctor.entity';
import { referringDoctorOn } from '../rules/pathway-compliance';
import { protocolForIllness } from '../rules/protocol-match';
import { referringDoctorChange } from '../rules/referring-doctor-change';
import { ownsPathwayRecord } from '../rules/write-scope';
import {
  decisionViolation,
  declarationViolation,
  illnessViolation,
  referralViolation,
  type PathwayWriteRules,
  type Violation,
} from '../rules/write-validity';
import type {
  LongTermIllnessRecognitionInput,
  PriorApprovalDecisionInput,
  ProtocolAttachmentInput,
  ReferralInput,
  ReferringDoctorDeclarationInput,
} from '../types/pathway-batch.types';
import type { PathwayWorkingSet } from './pathway-working-set';

/** What every row writer knows of the write it belongs to. */
export interface RowWrite {
  manager: EntityManager;
  working: PathwayWorkingSet;
  /** The writing OG (the caller's `org`). */
  organism: string;
  /** The organisms covering the row's person today, as the gateway read them (the writer among them). */
  covering: readonly string[];
  /** The gateway request id of the batch. */
  requestId: string;
  /** When the batch is applied, and that day in the time zone of care dates. */
  stamp: string;
  today: string;
  personRef: string;
  newId: () => string;
}

/** The reference data the row writers read. */
export interface RowReference {
  rules: PathwayWriteRules;
  aldList: readonly AldCondition[];
  protocols: readonly TherapeuticProtocol[];
  aldListVersion: string;
}

/** The refusal of a row with `BAD_USER_INPUT` naming the field and what it should be. */
function invalid(violation: Violation): RowRefusal {
  return new RowRefusal('INVALID_VALUE', { field: violation.field, expected: violation.expected });
}

/** Refuses the row when a rule found a violation. */
function refuse(violation: Violation | null): void {
  if (violation) throw invalid(violation);
}

const day = (value: Date | string) => toIsoDate(value);
const optionalDay = (value: Date | string | null | undefined) => (value === null || value === undefined ? null : toIsoDate(value));
const writer = (w: RowWrite) => ({ recordedBy: w.organism, requestId: w.requestId, recordedAt: w.stamp });

/**
 * R8: declares or changes the referring doctor; the writer's declaration running on its first day closes the day
 * before. One filed with another OG is never closed: refused while that OG covers the person too.
 */
export async function declareReferringDoctor(w: RowWrite, input: ReferringDoctorDeclarationInput, ref: RowReference): Promise<string> {
  const validFrom = day(input.validFrom);
  refuse(declarationViolation({ doctorInpe: input.doctorInpe, validFrom }, w.today, ref.rules));
  const doctorInpe = parseInpe(input.doctorInpe);
  const declarations = w.working.declarationsOf(w.personRef);
  const change = referringDoctorChange(declarations, doctorInpe, validFrom, { organism: w.organism, covering: w.covering });
  if (change.kind === 'OTHER_ORGANISM') throw new RowRefusal('PATHWAY_MEMBERS_ONLY');
  if (change.kind === 'REFUSED') throw new RowRefusal('INVALID_VALUE', { ...change.violation });
  if (change.kind === 'UNCHANGED') return change.id;
  for (const closed of change.closes) {
    await w.manager.update(ReferringDoctorEntity, { id: closed.id }, { validUntil: closed.validUntil });
    const held = declarations.find((d) => d.id === closed.id);
    if (held) held.validUntil = closed.validUntil;
  }
  const row = w.manager.create(ReferringDoctorEntity, {
    id: w.newId(),
    personRef: w.personRef,
    doctorInpe,
    organism: w.organism,
    validFrom,
    validUntil: null,
    ...writer(w),
  });
  await w.manager.insert(ReferringDoctorEntity, row);
  w.working.addDeclaration(row);
  return row.id;
}

/** The protocol for an illness code, or the row's refusal (R10). */
function protocolOf(aldCode: string, protocolCode: string, ref: RowReference): TherapeuticProtocol {
  const pathology = ref.aldList.find((c) => c.code === aldCode)?.pathology ?? null;
  const match = protocolForIllness(pathology, protocolCode, ref.protocols);
  if ('violation' in match) throw new RowRefusal('INVALID_VALUE', { ...match.violation });
  const protocol = ref.protocols.find((p) => p.code === match.protocol.code);
  if (!protocol) throw appError('INTERNAL_SERVER_ERROR');
  return protocol;
}

/** R9: recognises an ALD/ALC of the list in force with its exemption period, and its protocol when given (R10). */
export async function recogniseIllness(w: RowWrite, input: LongTermIllnessRecognitionInput, ref: RowReference): Promise<string> {
  const period = { aldCode: input.aldCode, validFrom: day(input.validFrom), validUntil: day(input.validUntil) };
  refuse(illnessViolation(period, (code) => ref.aldList.some((c) => c.code === code), w.today, ref.rules));
  const overlapping = w.working
    .illnessesOf(w.personRef)
    .find(
      (i) =>
        i.aldCode === period.aldCode && i.validFrom <= period.validUntil && (i.validUntil === null || i.validUntil >= period.validFrom),
    );
  if (overlapping)
    throw invalid({
      field: 'validFrom',
      expected: `a date after ${overlapping.validUntil ?? overlapping.validFrom}, the end of the current recognition of this illness`,
    });
  const protocol = input.protocolCode ? protocolOf(period.aldCode, input.protocolCode, ref) : null;
  const row = w.manager.create(LongTermIllnessEntity, {
    id: w.newId(),
    personRef: w.personRef,
    aldCode: period.aldCode,
    listVersion: ref.aldListVersion,
    validFrom: period.validFrom,
    validUntil: period.validUntil,
    protocolCode: protocol?.code ?? null,
    protocolVersion: protocol?.version ?? null,
    ...writer(w),
  });
  await w.manager.insert(LongTermIllnessEntity, row);
  w.working.addIllness(row);
  return row.id;
}

/** R10: attaches a validated protocol of its pathology to an illness the writing OG recognised for the person (another's: refused). */
export async function attachProtocol(w: RowWrite, input: ProtocolAttachmentInput, ref: RowReference): Promise<string> {
  const id = normaliseUuid(input.illnessId);
  const illness = id ? w.working.illnessesOf(w.personRef).find((i) => i.id === id) : undefined;
  if (!illness) throw invalid({ field: 'illnessId', expected: 'the id of an illness recognised for this person' });
  if (!ownsPathwayRecord(w.organism, illness.recordedBy, w.covering)) throw new RowRefusal('PATHWAY_MEMBERS_ONLY');
  const found = illness;
  const protocol = protocolOf(found.aldCode, input.protocolCode, ref);
  if (found.protocolCode === protocol.code && found.protocolVersion === protocol.version) return found.id;
  await w.manager.update(LongTermIllnessEntity, { id: found.id }, { protocolCode: protocol.code, protocolVersion: protocol.version });
  found.protocolCode = protocol.code;
  found.protocolVersion = protocol.version;
  return found.id;
}

/** R8: records a referral issued by the referring doctor declared on its day, to a specialty or a named provider. */
export async function recordReferral(w: RowWrite, input: ReferralInput, ref: RowReference): Promise<string> {
  const referral = {
    fromInpe: input.fromInpe,
    toSpecialty: input.toSpecialty ?? null,
    toInpe: input.toInpe ?? null,
    issuedOn: day(input.issuedOn),
    validUntil: day(input.validUntil),
  };
  refuse(referralViolation(referral, w.today, ref.rules));
  const fromInpe = parseInpe(referral.fromInpe);
  const declared = referringDoctorOn(w.working.declarationsOf(w.personRef), w.working.enrolmentsOf(w.personRef), referral.issuedOn);
  if (declared !== fromInpe) throw invalid({ field: 'fromInpe', expected: 'the referring doctor declared for the person on issuedOn' });
  const row = w.manager.create(ReferralEntity, {
    id: w.newId(),
    personRef: w.personRef,
    fromInpe,
    toSpecialty: referral.toSpecialty,
    toInpe: referral.toInpe ? parseInpe(referral.toInpe) : null,
    issuedOn: referral.issuedOn,
    validUntil: referral.validUntil,
    ...writer(w),
  });
  await w.manager.insert(ReferralEntity, row);
  return row.id;
}

/**
 * R11: decides a prior approval request addressed to this OG, for this
 * person, still REQUESTED. A request of another OG, of another person or
 * unknown gets the same refusal as another OG's member; a decided one is a
 * `CONFLICT`. The update is conditional on the status read, so of two
 * concurrent decisions only one is applied.
 */
export async function decidePriorApproval(w: RowWrite, input: PriorApprovalDecisionInput, ref: RowReference): Promise<string> {
  const id = normaliseUuid(input.requestId);
  if (!id) throw invalid({ field: 'requestId', expected: 'a prior approval request id (UUID)' });
  const decision = {
    decision: input.decision,
    validFrom: optionalDay(input.validFrom),
    validUntil: optionalDay(input.validUntil),
    reasonCode: input.reasonCode ?? null,
  };
  refuse(decisionViolation(decision, w.today, ref.rules));
  const request = w.working.approval(id);
  if (!request || request.organism !== w.organism || request.personRef !== w.personRef || request.requestedBy === null)
    throw new RowRefusal('PATHWAY_MEMBERS_ONLY');
  if (request.status !== 'REQUESTED') throw new RowRefusal('PRIOR_APPROVAL_ALREADY_DECIDED');
  const granted = decision.decision === 'GRANTED';
  const changes = {
    status: decision.decision,
    validFrom: granted ? (decision.validFrom as string) : request.validFrom,
    validUntil: granted ? decision.validUntil : request.validUntil,
    refusalReason: granted ? null : decision.reasonCode,
    decidedAt: w.stamp,
    decisionRequestId: w.requestId,
  };
  const result = await w.manager.update(PriorApprovalEntity, { id: request.id, status: 'REQUESTED' }, changes);
  if (result.affected !== 1) throw new RowRefusal('PRIOR_APPROVAL_ALREADY_DECIDED');
  Object.assign(request, changes);
  return request.id;
}
