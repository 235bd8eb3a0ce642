import { Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * A professional (PS) or establishment (ES) of ANAM's INPE registry
 * (seeds/001_225b0d72771d4c3f.txt:L891). A professional's name is personal
 * data: every field is served only under the provider-reading or the
 * eligibility-checking purpose; `inpe`, `name` and `kind` also under
 * `audit:read`, for the audit subgraph, which requires them to name the
 * organisations of a person's access history (no root field under
 * `audit:read` returns a `Provider`: the path is internal to the federation),
 * and under `records:consent`, to name the authors and custodians of the
 * signed-in person's own documents (`me { documents }`).
 * `active`, `conventioned`, `conventions`, `attachedTo` and `registryVersion`
 * are resolved in `ProviderResolver`.
 */
@ObjectType('Provider')
@Directive('@key(fields: "inpe")')
export class ProviderType {
  @Field(() => String, { description: 'INPE code: 9 digits (ZZP then 5 digits in synthetic data)' })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check', 'audit:read', 'records:consent'], sensitivity: 'PROFESSIONAL' })
  inpe!: string;

  @Field(() => String, { description: "A professional's name (personal data) or an establishment's name" })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check', 'audit:read', 'records:consent'], sensitivity: 'PROFESSIONAL' })
  name!: string;

  @Field(() => String, { description: 'PROFESSIONAL or ESTABLISHMENT' })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check', 'audit:read', 'records:consent'], sensitivity: 'PROFESSIONAL' })
  kind!: string;

  @Field(() => String, { description: 'GENERAL_PRACTITIONER, SPECIALIST, DENTIST, PHARMACY, CLINIC, PUBLIC_HOSPITAL, ...' })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check'], sensitivity: 'PROFESSIONAL' })
  category!: string;

  @Field(() => String, { nullable: true, description: 'Medical specialty of a SPECIALIST (CARDIOLOGIE, ENDOCRINOLOGIE, ...)' })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check'], sensitivity: 'PROFESSIONAL' })
  specialty!: string | null;

  @Field(() => String, { description: 'PUBLIC or PRIVATE' })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check'], sensitivity: 'PROFESSIONAL' })
  sector!: string;

  @Field(() => String, { description: 'Region code (TTA, ORI, FME, RSK, BMK, CSE, MSA, DTA, SMA, GON, LSH, DOD)' })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check'], sensitivity: 'PROFESSIONAL' })
  region!: string;

  @Field(() => String, { description: 'ACTIVE, SUSPENDED or CLOSED (code withdrawn)' })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check'], sensitivity: 'PROFESSIONAL' })
  status!: string;

  @Field(() => DateResolver, { description: 'First day the code is active' })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check'], sensitivity: 'PROFESSIONAL' })
  activeFrom!: string;

  @Field(() => DateResolver, { nullable: true, description: 'Last day the code is active, when it ends' })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check'], sensitivity: 'PROFESSIONAL' })
  activeUntil!: string | null;
}
