import { Public } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, InputType, ObjectType } from 'type-graphql';
import { MedicinesGuideVersionType } from './medicines-guide-version.type';

/** A medicines guide file to load as a new version. */
@InputType('ImportMedicinesGuideInput')
export class ImportMedicinesGuideInput {
  @Field(() => String, {
    description:
      'The file: UTF-8 CSV with a header naming the columns ean13, dci, brand, form, dosage, presentation, therapeutic_class, generic, generic_group, ppv, pbr, reimbursable (layout in the medicines subgraph README)',
  })
  csv!: string;

  @Field(() => DateResolver, {
    nullable: true,
    description: 'The day the version takes effect, when the file carries no "# effective_date:" line; must agree with it otherwise',
  })
  effectiveDate!: Date | string | null;
}

/** What an import did. */
@ObjectType('MedicinesGuideImport')
@Public('GMR reference data: the outcome of loading a version of the guide')
export class MedicinesGuideImportType {
  @Field(() => MedicinesGuideVersionType, { description: 'The version the file became' })
  version!: MedicinesGuideVersionType;

  @Field(() => Boolean, { description: 'True when the same file had already been loaded: nothing changed' })
  replayed!: boolean;
}

/** What a rollback did. */
@ObjectType('MedicinesGuideRollback')
@Public('GMR reference data: the outcome of rolling a version of the guide back')
export class MedicinesGuideRollbackType {
  @Field(() => MedicinesGuideVersionType, { description: 'The version removed, as it was' })
  rolledBack!: MedicinesGuideVersionType;

  @Field(() => MedicinesGuideVersionType, { nullable: true, description: 'The latest version now; null when none is left' })
  latest!: MedicinesGuideVersionType | null;
}
