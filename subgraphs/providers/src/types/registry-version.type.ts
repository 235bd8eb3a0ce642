import { Public } from '@cmb/kit';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { RegistryVersionStatusValue } from './registry-enums';

/**
 * A version of the INPE registry copy. ANAM publishes the registry to the
 * OGs every five working days (seeds/001_225b0d72771d4c3f.txt:L921); `stale`
 * warns when the copy in force is older than that plus a margin. A version
 * loaded from ANAM's file says what it changed and who loaded it.
 */
@ObjectType('ProviderRegistryVersion')
@Public('reference data: version, size and counts of the INPE registry published by ANAM; no professional is named')
export class RegistryVersionType {
  @Field(() => String)
  id!: string;

  @Field(() => DateResolver, { description: 'The day ANAM extracted the registry (the date its file carries)' })
  publishedOn!: string;

  @Field(() => Int, { description: 'Codes in the file' })
  providerCount!: number;

  @Field(() => Int, {
    description:
      'Working days since the extraction, today in Africa/Casablanca (Moroccan calendar: weekends and public holidays not counted)',
  })
  workingDaysSincePublication!: number;

  @Field(() => Boolean, {
    description: 'True when a newer version should have arrived: five working days plus the configured margin have passed',
  })
  stale!: boolean;

  @Field(() => RegistryVersionStatusValue)
  status!: RegistryVersionStatusValue;

  @Field(() => Boolean, { description: 'True for the version the registry answers from' })
  inForce!: boolean;

  @Field(() => Int, { description: 'Codes new to the copy' })
  added!: number;

  @Field(() => Int, { description: 'Codes whose fields changed' })
  changed!: number;

  @Field(() => Int, { description: 'Codes withdrawn: absent from the file, or now CLOSED' })
  withdrawn!: number;

  @Field(() => DateTimeResolver)
  loadedAt!: string;

  @Field(() => String, {
    description: 'The client that loaded it (anam-registry), cli for the command line, seed for the synthetic dataset',
  })
  loadedBy!: string;

  @Field(() => String, { nullable: true, description: "SHA-256 of the file's text; null for a seeded version" })
  fileSha256!: string | null;

  @Field(() => DateTimeResolver, { nullable: true })
  rolledBackAt!: string | null;

  @Field(() => String, { nullable: true })
  rolledBackBy!: string | null;
}
