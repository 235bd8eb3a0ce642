import { Public } from '@cmb/kit';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';

/** One version of the medicines guide as ANAM loads and rolls it back (the import side of `GmrVersion`). */
@ObjectType('MedicinesGuideVersion')
@Public('GMR reference data: a version of the guide and the counts of its diff, no personal data')
export class MedicinesGuideVersionType {
  @Field(() => String, { description: 'The version id (GMR-2026-06-01 for an imported version), as gmrVersion names it elsewhere' })
  versionId!: string;

  @Field(() => DateResolver, { description: 'The day the version takes effect' })
  effectiveDate!: string;

  @Field(() => DateResolver, { nullable: true, description: 'Its last day in force; null while it is the open version' })
  validUntil!: string | null;

  @Field(() => DateResolver, { description: 'The day it was published (loaded)' })
  publishedOn!: string;

  @Field(() => Boolean, { description: 'In force today (Africa/Casablanca)' })
  inForce!: boolean;

  @Field(() => Int, { description: 'Packs it lists' })
  medicineCount!: number;

  @Field(() => Boolean, { description: 'Loaded by an import: it keeps a diff and can be rolled back while it is the latest' })
  imported!: boolean;

  @Field(() => Int, { nullable: true, description: 'Packs newly listed; null when not imported' })
  addedCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Packs listed in both versions with a field changed; null when not imported' })
  changedCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Packs no longer listed or no longer reimbursable; null when not imported' })
  withdrawnCount!: number | null;

  @Field(() => String, { nullable: true, description: 'The version it followed (its diff is against it)' })
  previousVersionId!: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was imported' })
  importedAt!: string | null;
}
