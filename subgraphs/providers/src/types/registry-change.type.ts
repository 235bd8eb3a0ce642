import { Scopes } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';
import { RegistryChangeKindValue } from './registry-enums';
import { RegistryEntryType } from './registry-entry.type';

/** What one version did to one code: its kind, the fields that changed, the code before and after. */
@ObjectType('ProviderRegistryChange')
@Scopes({ anyOf: ['reference:import', 'provider:read'], sensitivity: 'PROFESSIONAL' })
export class RegistryChangeType {
  @Field(() => String)
  inpe!: string;

  @Field(() => RegistryChangeKindValue)
  kind!: RegistryChangeKindValue;

  @Field(() => [String], {
    description: 'The fields that differ (kind, category, specialty, name, sector, region, status, activeFrom, activeUntil)',
  })
  changedFields!: string[];

  @Field(() => RegistryEntryType, { nullable: true, description: 'The code before the version; null for an added code' })
  before!: RegistryEntryType | null;

  @Field(() => RegistryEntryType)
  after!: RegistryEntryType;
}
