import { ArgsType, Field, Int } from 'type-graphql';
import { BreakGlassInput } from './break-glass-input';
import { DocumentStatus } from './document-status';

/** Default page size of `Person.documents`: part of the public contract (`first: Int = 50`). */
export const DEFAULT_PAGE_SIZE = 50;

/** Arguments of `Person.documents`, in the order of the contract. */
@ArgsType()
export class DocumentsArgs {
  @Field(() => [DocumentStatus], { nullable: true, description: 'Statuses to list (default CURRENT only); wins over includeSuperseded' })
  status?: DocumentStatus[] | null;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  after?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Adds superseded versions to the CURRENT ones' })
  includeSuperseded?: boolean | null;

  @Field(() => BreakGlassInput, {
    nullable: true,
    description:
      "Emergency access (purpose records:break-glass): passes the care relationship and the person's consent; the access is recorded for the officers' review and the person's notice before the answer",
  })
  breakGlass?: BreakGlassInput | null;
}
