import { Public, Scopes } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';
import { CnssClaimFileType } from './claim-file.type';

@ObjectType('CnssClaimFileEdge')
@Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'COVERAGE' })
export class CnssClaimFileEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => CnssClaimFileType)
  node!: CnssClaimFileType;
}

@ObjectType('CnssClaimFilePageInfo')
@Public('paging bookkeeping: no personal data')
export class CnssClaimFilePageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** A page of files. */
@ObjectType('CnssClaimFileConnection')
@Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'COVERAGE' })
export class CnssClaimFileConnectionType {
  @Field(() => [CnssClaimFileEdgeType])
  edges!: CnssClaimFileEdgeType[];

  @Field(() => CnssClaimFilePageInfoType)
  pageInfo!: CnssClaimFilePageInfoType;
}
