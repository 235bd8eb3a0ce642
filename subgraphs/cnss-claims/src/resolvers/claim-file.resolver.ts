import { appError, notePersons, Scopes } from '@cmb/kit';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { CnssClaimsContext } from '../context';
import { mayReadFiles } from '../rules/claim-access';
import { latestOverdueReceipt } from '../rules/reimbursement-deadline';
import { toClaimFile } from '../services/to-claim-file';
import { CnssClaimFileConnectionType } from '../types/claim-file-connection.type';
import { CnssClaimFileType } from '../types/claim-file.type';
import { decodeCursor, encodeCursor } from './overdue-cursor';

/** Refuses anyone but the OG itself. */
export function assertOwnOrganism(context: CnssClaimsContext): void {
  if (!mayReadFiles(context.caller, context.config.organism)) throw appError('OG_OWN_MEMBERS_ONLY', { organism: context.config.organism });
}

/** The OG's own view of its files: one by number, and those overdue (R14). CNSS's clients only. */
@Resolver(() => CnssClaimFileType)
export class ClaimFileResolver {
  @Query(() => CnssClaimFileType, { nullable: true, description: 'A CNSS reimbursement file by its number: CNSS only' })
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'COVERAGE' })
  async cnssClaimFile(
    @Arg('fileNumber', () => String) fileNumber: string,
    @Ctx() context: CnssClaimsContext,
  ): Promise<CnssClaimFileType | null> {
    assertOwnOrganism(context);
    const stored = await context.filesByNumber.load(fileNumber);
    if (!stored) return null;
    notePersons(context, [stored.file.personRef]);
    return toClaimFile(stored, context.today, context.config.rules);
  }

  @Query(() => CnssClaimFileConnectionType, {
    description: 'Open CNSS files past their three-month reimbursement deadline today (R14), oldest receipt first: CNSS only',
  })
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'COVERAGE' })
  async cnssOverdueClaimFiles(
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: CnssClaimsContext,
  ): Promise<CnssClaimFileConnectionType> {
    assertOwnOrganism(context);
    const max = context.config.maxPageSize;
    if (first < 1 || first > max) throw appError('INVALID_VALUE', { field: 'first', expected: `a whole number from 1 to ${max}` });
    const latest = latestOverdueReceipt(context.today, context.config.rules);
    const page = await context.store.openReceivedBy(latest, after ? decodeCursor(after) : null, first + 1);
    const shown = page.slice(0, first);
    notePersons(
      context,
      shown.map((stored) => stored.file.personRef),
    );
    const edges = shown.map((stored) => ({
      cursor: encodeCursor(stored.file),
      node: toClaimFile(stored, context.today, context.config.rules),
    }));
    return { edges, pageInfo: { hasNextPage: page.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
