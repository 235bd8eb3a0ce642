import { appError, notePersons, Scopes, todayIn, verifyCareRelationshipProof } from '@cmb/kit';
import { Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { MedicalRecordsContext } from '../context';
import { isOwnRecordReader } from '../rules/consent-authority';
import { decideRecordAccess } from '../rules/record-access';
import { listingKey, toConnection } from '../services/document-listing';
import { DocumentConnectionType } from '../types/document-connection.types';
import { DEFAULT_PAGE_SIZE, DocumentsArgs } from '../types/documents-args';
import { PersonType } from '../types/person.type';

/** The record this subgraph contributes to a person: the pointers of their shared medical record. */
@Resolver(() => PersonType)
export class PersonResolver {
  @FieldResolver(() => DocumentConnectionType, {
    description:
      'Pointers of the shared medical record, newest care first. CURRENT only unless asked otherwise. An establishment or a professional needs a care relationship with the person (a recent eligibility check) and must not be blocked by them; masked documents are left out. With breakGlass (records:break-glass) none of this applies, and the access is recorded. The insured person signed in to the patient portal reads their own (`me { documents }`, records:consent), masked ones included and flagged.',
  })
  @Scopes({ anyOf: ['records:read', 'records:break-glass', 'records:consent'], sensitivity: 'HEALTH' })
  @Directive('@requires(fields: "careRelationship { lastCheckOn proof } ownerProof")')
  async documents(
    @Root() person: PersonType,
    @Args(() => DocumentsArgs) args: DocumentsArgs,
    @Ctx() context: MedicalRecordsContext,
  ): Promise<DocumentConnectionType> {
    // The person's record is asked for: the audit trail names them, whether it is served or refused.
    notePersons(context, [person.ref]);
    // Arguments first: a malformed page or cursor is refused before anything is decided or recorded.
    const asked = listingKey(person.ref, args, { defaultPageSize: DEFAULT_PAGE_SIZE, maxPageSize: context.listing.maxPageSize });
    const breakGlass = args.breakGlass ?? null;
    if (isOwnRecordReader(context.caller)) {
      // The person's own record: beneficiaries proved the person is the one signed in (me); masked documents listed, flagged.
      if (breakGlass) throw appError('FORBIDDEN', { paths: 'documents' });
      context.consent.authorise(context.caller, person.ref, person.ownerProof ?? '');
      const own = { ...asked, includeMasked: true };
      return toConnection(own, await context.pages.load(own));
    }
    // A relationship counts only as beneficiaries issued it to this caller, never as written into a representation.
    const relationship = person.careRelationship ?? null;
    const proven =
      relationship !== null &&
      verifyCareRelationshipProof(context.proofSecret, relationship.proof, person.ref, context.caller.org, relationship.lastCheckOn);
    const access = decideRecordAccess(
      {
        caller: context.caller,
        lastCheckOn: proven ? relationship.lastCheckOn : null,
        breakGlass,
        blocked: breakGlass === null ? await context.blocked.load(person.ref) : false,
        today: todayIn(context.access.timeZone),
      },
      context.access,
    );
    if (!access.allowed) {
      if (access.refusal === 'CARE_RELATIONSHIP_REQUIRED')
        throw appError('CARE_RELATIONSHIP_REQUIRED', { days: context.access.careRelationshipDays });
      if (access.refusal === 'BREAK_GLASS_JUSTIFICATION_REQUIRED')
        throw appError('BREAK_GLASS_JUSTIFICATION_REQUIRED', {
          min: context.access.justification.minLength,
          max: context.access.justification.maxLength,
        });
      if (access.refusal === 'CONSENT_BLOCKED') throw appError('CONSENT_BLOCKED');
      throw appError('FORBIDDEN', { paths: 'documents' });
    }
    if (access.breakGlass) {
      // Committed before anything of the record is read or returned; one row per person and request.
      let recorded = context.breakGlassRecorded.get(person.ref);
      if (!recorded) {
        recorded = context.breakGlassLog.record(person.ref, context.caller, access.justification);
        context.breakGlassRecorded.set(person.ref, recorded);
      }
      await recorded;
    }
    // Break-glass lists what the person masked too; everyone else never sees it.
    const key = { ...asked, includeMasked: access.breakGlass };
    return toConnection(key, await context.pages.load(key));
  }
}
