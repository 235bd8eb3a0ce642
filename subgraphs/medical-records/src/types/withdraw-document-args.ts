import { ArgsType, Field, ID } from 'type-graphql';

/** Arguments of `withdrawDocument`. */
@ArgsType()
export class WithdrawDocumentArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Why the pointer is withdrawn; kept for the audit, never returned' })
  reason!: string;
}
