import { Public } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';
import { MedicineType } from './medicine.type';
import { MedicinePageInfoType } from './medicine-page-info.type';

/** One search result and the opaque cursor of its position. */
@ObjectType('MedicineEdge')
@Public('pagination over GMR reference data')
export class MedicineEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => MedicineType)
  node!: MedicineType;
}

/** A page of medicines found by brand, DCI or code prefix, ordered by brand then EAN13. */
@ObjectType('MedicineConnection')
@Public('pagination over GMR reference data')
export class MedicineConnectionType {
  @Field(() => [MedicineEdgeType])
  edges!: MedicineEdgeType[];

  @Field(() => MedicinePageInfoType)
  pageInfo!: MedicinePageInfoType;

  @Field(() => String, { nullable: true, description: 'The GMR version searched (the version valid today)' })
  gmrVersion!: string | null;
}
