import { notePersons } from '@cmb/kit';
import type { CnssClaimsContext } from '../context';
import { assertOwnOrganism } from '../resolvers/claim-file.resolver';
import { toClaimFile } from '../services/to-claim-file';
import type { CnssClaimFileType } from '../types/claim-file.type';

/** A file by its key (`_entities`), under the root field's rule: CNSS only. */
export async function resolveClaimFileReference(
  reference: { fileNumber: string },
  context: CnssClaimsContext,
): Promise<CnssClaimFileType | null> {
  assertOwnOrganism(context);
  const stored = await context.filesByNumber.load(reference.fileNumber);
  if (!stored) return null;
  notePersons(context, [stored.file.personRef]);
  return toClaimFile(stored, context.today, context.config.rules);
}
