import { Public } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';

/** One kind of document of the versioned reference list. Reference data: no personal data. */
@ObjectType('DocumentType')
@Public('reference data: the versioned list of document types')
export class DocumentTypeType {
  @Field(() => String)
  code!: string;

  @Field(() => String, { description: 'Label in French' })
  label!: string;

  @Field(() => String)
  labelEn!: string;

  @Field(() => String, { description: 'Version of the reference list' })
  listVersion!: string;
}
