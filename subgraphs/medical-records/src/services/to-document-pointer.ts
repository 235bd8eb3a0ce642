import type { DocumentPointerEntity } from '../entities/document-pointer.entity';
import type { Confidentiality } from '../types/confidentiality';
import type { DocumentPointerType } from '../types/document-pointer.type';
import type { DocumentStatus } from '../types/document-status';

/**
 * The API view of a stored pointer. Explicit, so internal columns (the
 * person reference, the withdrawal reason) never reach a response by accident.
 */
export function toDocumentPointer(entity: DocumentPointerEntity): DocumentPointerType {
  return {
    id: entity.id,
    type: entity.type,
    title: entity.title,
    authorInpe: entity.authorInpe,
    custodianInpe: entity.custodianInpe,
    repositoryUrl: entity.repositoryUrl,
    sha256: entity.sha256,
    sizeBytes: Number(entity.sizeBytes),
    mimeType: entity.mimeType,
    confidentiality: entity.confidentiality as Confidentiality,
    status: entity.status as DocumentStatus,
    supersedes: entity.supersedes,
    serviceDate: entity.serviceDate,
    registeredAt: entity.registeredAt,
    masked: Boolean(entity.masked),
  };
}
