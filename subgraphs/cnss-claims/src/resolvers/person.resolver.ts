import { appError, notePersons, Scopes } from '@cmb/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CnssClaimsContext } from '../context';
import { mayReadMemberFiles } from '../rules/claim-access';
import { toClaimFile } from '../services/to-claim-file';
import { CnssClaimFileType } from '../types/claim-file.type';
import { PersonType } from '../types/person.type';

/** A person's CNSS files, reached through the federation (`person(nationalId) { cnssClaimFiles }`). */
@Resolver(() => PersonType)
export class PersonResolver {
  @FieldResolver(() => [CnssClaimFileType], {
    description:
      "The person's CNSS reimbursement files, newest first: CNSS only, for its own members as the registry of persons reports them",
  })
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'COVERAGE' })
  async cnssClaimFiles(@Root() person: PersonType, @Ctx() context: CnssClaimsContext): Promise<CnssClaimFileType[]> {
    const organism = context.config.organism;
    if (!mayReadMemberFiles(context.caller, person.ref, organism)) throw appError('OG_OWN_MEMBERS_ONLY', { organism });
    const files = await context.filesByPerson.load(person.ref);
    if (files.length > 0) notePersons(context, [person.ref]);
    return files.map((stored) => toClaimFile(stored, context.today, context.config.rules));
  }
}
