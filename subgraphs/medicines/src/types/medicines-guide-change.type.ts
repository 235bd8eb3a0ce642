import { Public } from '@cmb/kit';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** The kinds of change a new version of the guide makes (rules/guide-diff.ts). */
export enum MedicinesGuideChangeKindEnum {
  ADDED = 'ADDED',
  CHANGED = 'CHANGED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(MedicinesGuideChangeKindEnum, {
  name: 'MedicinesGuideChangeKind',
  description: 'What a new version of the medicines guide changes for one pack',
  valuesConfig: {
    ADDED: { description: 'Not listed by the version before, listed by this one' },
    CHANGED: { description: 'Listed by both, with fields changed (a pack reimbursable again included)' },
    WITHDRAWN: { description: 'Listed by the version before, and no longer listed or no longer reimbursable' },
  },
});

/** One pack's change in an imported version against the version before it. */
@ObjectType('MedicinesGuideChange')
@Public('GMR reference data: the diff of a version of the guide, no personal data')
export class MedicinesGuideChangeType {
  @Field(() => String)
  versionId!: string;

  @Field(() => String, { description: 'EAN-13 of the pack' })
  ean13!: string;

  @Field(() => MedicinesGuideChangeKindEnum)
  kind!: MedicinesGuideChangeKindEnum;

  @Field(() => [String], {
    description:
      'The fields that differ, named as on Medicine (dci, brand, form, dosage, presentation, therapeuticClass, generic, princepsEan13, publicPrice, pbr, reimbursable); empty for ADDED and for a pack no longer listed',
  })
  fields!: string[];
}
