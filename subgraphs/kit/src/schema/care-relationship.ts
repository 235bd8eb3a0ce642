import { DateResolver } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * The care relationship between a person and the calling establishment or
 * professional: the beneficiaries subgraph records it from eligibility
 * checks, and medical-records requires it (`@requires`) before it lists a
 * person's record pointers. One definition for both subgraphs, so the shape
 * cannot drift. Internal to the federation: `@inaccessible`, never shown to
 * clients.
 */
@ObjectType('CareRelationship')
@Directive('@inaccessible')
@Directive('@shareable')
export class CareRelationshipType {
  @Field(() => DateResolver, {
    description: 'Day (Africa/Casablanca) of the last eligibility check of this person by the calling organisation',
  })
  lastCheckOn!: string;

  @Field(() => String, {
    description:
      "Beneficiaries' proof of this relationship for the calling organisation (issueCareRelationshipProof); medical-records counts it only when the proof holds",
  })
  proof!: string;
}
