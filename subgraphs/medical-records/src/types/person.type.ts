import { CareRelationshipType } from '@cmb/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A person, owned by the beneficiaries subgraph. This subgraph only
 * contributes the person's document pointers (`documents`), keyed by the
 * opaque `ref` shared across subgraphs, never by a national id. It requires
 * from beneficiaries the calling organisation's care relationship with the
 * person (`careRelationship`, internal to the federation).
 */
@ObjectType('Person')
@Directive('@key(fields: "ref")')
export class PersonType {
  @Field(() => ID, { description: 'Opaque person reference shared across subgraphs' })
  ref!: string;

  @Field(() => CareRelationshipType, { nullable: true })
  @Directive('@external')
  careRelationship?: CareRelationshipType | null;

  /** Beneficiaries' proof that the person is the one signed in to the patient portal (`me`); null for anyone else. */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  ownerProof?: string | null;
}
