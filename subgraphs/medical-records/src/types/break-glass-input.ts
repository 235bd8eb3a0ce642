import { Field, InputType } from 'type-graphql';

/** What an establishment writes when it breaks the glass to read a person's record in an emergency. */
@InputType('BreakGlassInput')
export class BreakGlassInput {
  @Field(() => String, {
    description: "Why the record is needed now, 20 to 2,000 characters; kept for the officers' review, never returned nor logged",
  })
  justification!: string;
}
