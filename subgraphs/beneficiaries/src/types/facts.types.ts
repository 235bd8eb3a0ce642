import { Directive, Field, ObjectType } from 'type-graphql';

/** Provider facts contributed by the providers subgraph; internal to the federation (`@inaccessible`). */
@ObjectType('ProviderFacts')
@Directive('@inaccessible')
@Directive('@shareable')
export class ProviderFactsType {
  @Field(() => Boolean)
  registered!: boolean;

  @Field(() => Boolean)
  active!: boolean;
}

/** Pathway facts contributed by the care-pathways subgraph; internal to the federation (`@inaccessible`). */
@ObjectType('PathwayFacts')
@Directive('@inaccessible')
@Directive('@shareable')
export class PathwayFactsType {
  @Field(() => Boolean)
  pcsApplies!: boolean;

  @Field(() => Boolean)
  compliant!: boolean;

  @Field(() => String)
  penalty!: string;

  @Field(() => [String])
  aldExemptions!: string[];
}
