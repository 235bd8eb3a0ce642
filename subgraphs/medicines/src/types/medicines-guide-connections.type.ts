import { Public } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';
import { MedicinePageInfoType } from './medicine-page-info.type';
import { MedicinesGuideChangeType } from './medicines-guide-change.type';
import { MedicinesGuideVersionType } from './medicines-guide-version.type';

/** One version of a listing and the cursor to resume after it. */
@ObjectType('MedicinesGuideVersionEdge')
@Public('pagination over GMR reference data')
export class MedicinesGuideVersionEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => MedicinesGuideVersionType)
  node!: MedicinesGuideVersionType;
}

/** A page of the guide's versions, newest effective date first. */
@ObjectType('MedicinesGuideVersionConnection')
@Public('pagination over GMR reference data')
export class MedicinesGuideVersionConnectionType {
  @Field(() => [MedicinesGuideVersionEdgeType])
  edges!: MedicinesGuideVersionEdgeType[];

  @Field(() => [MedicinesGuideVersionType], { description: 'The versions of the page, without cursors' })
  nodes!: MedicinesGuideVersionType[];

  @Field(() => MedicinePageInfoType)
  pageInfo!: MedicinePageInfoType;
}

/** One change of a listing and the cursor to resume after it. */
@ObjectType('MedicinesGuideChangeEdge')
@Public('pagination over GMR reference data')
export class MedicinesGuideChangeEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => MedicinesGuideChangeType)
  node!: MedicinesGuideChangeType;
}

/** A page of one version's changes, in EAN-13 order. */
@ObjectType('MedicinesGuideChangeConnection')
@Public('pagination over GMR reference data')
export class MedicinesGuideChangeConnectionType {
  @Field(() => [MedicinesGuideChangeEdgeType])
  edges!: MedicinesGuideChangeEdgeType[];

  @Field(() => [MedicinesGuideChangeType], { description: 'The changes of the page, without cursors' })
  nodes!: MedicinesGuideChangeType[];

  @Field(() => MedicinePageInfoType)
  pageInfo!: MedicinePageInfoType;
}
