import { notePersons } from '@cmb/kit';
import type { MedicalRecordsContext } from '../context';
import { mayReadPointerById } from '../rules/pointer-by-id';
import { normaliseUuid } from '../rules/validate-pointer';
import { toDocumentPointer } from '../services/to-document-pointer';
import type { DocumentPointerType } from '../types/document-pointer.type';

/**
 * Resolves `DocumentPointer` entities by id, batched per request (one IN
 * query), under the rule of `documentPointer(id)`: only its author or
 * custodian reads a pointer by id; null for anyone else, as for an unknown or
 * malformed id.
 */
export async function resolveDocumentPointerReference(
  reference: { id: string },
  context: MedicalRecordsContext,
): Promise<DocumentPointerType | null> {
  const id = normaliseUuid(reference.id);
  if (!id) return null;
  const entity = await context.pointers.load(id);
  if (!entity || !mayReadPointerById(context.caller, entity)) return null;
  notePersons(context, [entity.personRef]);
  return toDocumentPointer(entity);
}
