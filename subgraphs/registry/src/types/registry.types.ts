import { Public } from '@cmb/kit';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { REGISTRY_CHECKS, type RegistryCheck } from '../rules/facts';

/** The checks of a publish, as the API names them. */
export const RegistryCheckEnum = Object.fromEntries(REGISTRY_CHECKS.map((check) => [check, check])) as { [K in RegistryCheck]: K };
registerEnumType(RegistryCheckEnum, {
  name: 'RegistryCheck',
  description:
    'SDL: it parses; CLASSIFICATION: every field @scopes or @public; FOREIGN_TYPE: other organisations’ types left as they are; REALM_PURPOSE: fields added to them under purposes the realm grants the owner; COMPOSITION: the supergraph composes; BREAKING_CHANGE: no field a client used over the usage window breaks',
});

/** What made a supergraph version. */
export enum SupergraphChangeCause {
  BUILD = 'BUILD',
  PUBLISH = 'PUBLISH',
  ROLLBACK = 'ROLLBACK',
  RETIRE = 'RETIRE',
}
registerEnumType(SupergraphChangeCause, {
  name: 'SupergraphChangeCause',
  description: 'BUILD: the national subgraphs of a release; PUBLISH, ROLLBACK, RETIRE: a change of one subgraph',
});

const METADATA = 'subgraph registry metadata: no personal data';

@ObjectType('RegisteredSubgraph', { description: 'A subgraph of the federation, as the registry keeps it' })
@Public(METADATA)
export class RegisteredSubgraphType {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The owning organisation: ANAM for the national subgraphs, the OG for its own' })
  owner!: string;

  @Field(() => Int, { nullable: true, description: 'The SDL version the supergraph composes; null once retired' })
  currentVersion!: number | null;

  @Field(() => Boolean)
  retired!: boolean;

  @Field(() => DateTimeResolver, { description: 'When it was first published' })
  createdAt!: string;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When its current version was published' })
  publishedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the gateways route to it: for its owner and ANAM only, null for others' })
  routingUrl!: string | null;
}

@ObjectType('SubgraphVersion', { description: 'One SDL version of a subgraph, as published' })
@Public(METADATA)
export class SubgraphVersionType {
  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: 'SHA-256 of the SDL, hex' })
  sdlSha256!: string;

  @Field(() => String)
  sdl!: string;

  @Field(() => String)
  routingUrl!: string;

  @Field(() => String, { description: 'The client that published it (build: the national subgraphs of a release)' })
  publishedByClient!: string;

  @Field(() => String)
  publishedByOrg!: string;

  @Field(() => String, { nullable: true, description: 'The request id of the publish: the key to its events in the audit trail' })
  requestId!: string | null;

  @Field(() => DateTimeResolver)
  publishedAt!: string;
}

@ObjectType('SupergraphVersion', { description: 'One composed supergraph; every gateway follows the highest version' })
@Public(METADATA)
export class SupergraphVersionType {
  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: 'SHA-256 of the supergraph SDL, hex: what the gateways show on /readyz and /metrics' })
  sha256!: string;

  @Field(() => SupergraphChangeCause)
  cause!: SupergraphChangeCause;

  @Field(() => String, { nullable: true, description: 'The subgraph whose change made it' })
  subgraph!: string | null;

  @Field(() => Int, { nullable: true, description: "That subgraph's version afterwards; null when retired" })
  subgraphVersion!: number | null;

  @Field(() => String)
  composedByOrg!: string;

  @Field(() => DateTimeResolver)
  composedAt!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Which purpose opens which field, and which clients may hold it (Markdown); read one version at a time (supergraphVersion)',
  })
  accessMatrix!: string | null;
}

@ObjectType('RegistryCheckProblem', { description: 'A failed check (or a warning): the check, and the subgraph, type and field it names' })
@Public(METADATA)
export class CheckProblemType {
  @Field(() => RegistryCheckEnum)
  check!: RegistryCheck;

  @Field(() => String)
  subgraph!: string;

  @Field(() => String, { nullable: true })
  type!: string | null;

  @Field(() => String, { nullable: true })
  field!: string | null;

  @Field(() => String)
  message!: string;
}

@ObjectType('SubgraphCheckReport', { description: 'What a publish would do, without doing it' })
@Public(METADATA)
export class CheckReportType {
  @Field(() => Boolean, { description: 'True when the publish would be accepted' })
  ok!: boolean;

  @Field(() => [CheckProblemType])
  problems!: CheckProblemType[];

  @Field(() => [CheckProblemType], {
    description: 'Breaking changes allowed because no gateway served what they break over the usage window',
  })
  warnings!: CheckProblemType[];

  @Field(() => String, { nullable: true, description: 'SHA-256 of the supergraph the publish would make' })
  supergraphSha256!: string | null;
}

@ObjectType('SubgraphChange', {
  description: 'What a publish, rollback or retirement left: the subgraph, its version served, the supergraph',
})
@Public(METADATA)
export class ChangeResultType {
  @Field(() => RegisteredSubgraphType)
  subgraph!: RegisteredSubgraphType;

  @Field(() => SubgraphVersionType, { nullable: true, description: 'The version served now; null once retired' })
  version!: SubgraphVersionType | null;

  @Field(() => SupergraphVersionType, { description: 'The supergraph every gateway follows now' })
  supergraph!: SupergraphVersionType;

  @Field(() => Boolean, { description: 'True when nothing changed (that SDL and URL were served already)' })
  unchanged!: boolean;

  @Field(() => [CheckProblemType])
  warnings!: CheckProblemType[];
}

@ObjectType('SubgraphHistory', { description: "A subgraph's versions and the supergraph versions it made, newest first" })
@Public(METADATA)
export class SubgraphHistoryType {
  @Field(() => RegisteredSubgraphType)
  subgraph!: RegisteredSubgraphType;

  @Field(() => [SubgraphVersionType])
  versions!: SubgraphVersionType[];

  @Field(() => [SupergraphVersionType])
  supergraphs!: SupergraphVersionType[];
}

@InputType('PublishSubgraphInput', { description: 'A subgraph to publish or check: its name, where the gateways route to it, its SDL' })
export class PublishSubgraphInput {
  @Field(() => String, { description: 'An OG names its subgraphs after itself: cnss-claims' })
  name!: string;

  @Field(() => String)
  routingUrl!: string;

  @Field(() => String, { description: 'The subgraph SDL, as its service prints it (Federation 2, with @scopes or @public on every field)' })
  sdl!: string;
}
