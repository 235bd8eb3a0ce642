import { Public } from '@cmb/kit';
import { Field, InputType, ObjectType } from 'type-graphql';
import { RegistryVersionType } from './registry-version.type';

/** A registry file ANAM shares, as text (layout: the providers README, "The registry file"). */
@InputType('ImportProviderRegistryInput')
export class ImportProviderRegistryInput {
  @Field(() => String, {
    description: 'The whole file: UTF-8 CSV separated by ;, first line #INPE;extracted_on=YYYY-MM-DD;rows=N, then the header',
  })
  csv!: string;
}

/** What an import answers. */
@ObjectType('ProviderRegistryImport')
@Public('bookkeeping: the version a file made and its counts; no professional is named')
export class RegistryImportType {
  @Field(() => RegistryVersionType)
  version!: RegistryVersionType;

  @Field(() => Boolean, { description: 'True when the same file had been loaded before: nothing changed, its version is returned' })
  alreadyLoaded!: boolean;
}

/** What a rollback answers. */
@ObjectType('ProviderRegistryRollback')
@Public('bookkeeping: the version rolled back and the one in force again; no professional is named')
export class RegistryRollbackType {
  @Field(() => RegistryVersionType)
  rolledBack!: RegistryVersionType;

  @Field(() => RegistryVersionType, { nullable: true, description: 'The version in force again' })
  inForce!: RegistryVersionType | null;
}
