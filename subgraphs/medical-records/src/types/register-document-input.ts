import { DateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Confidentiality } from './confidentiality';

/** What an establishment sends to register a document in a person's shared record. */
@InputType('RegisterDocumentInput')
export class RegisterDocumentInput {
  @Field(() => ID, { description: 'Opaque person reference (from the beneficiaries subgraph), never a national id' })
  personRef!: string;

  @Field(() => String, { description: 'Code of the document-type list (see documentTypes)' })
  type!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  authorInpe!: string;

  @Field(() => String)
  custodianInpe!: string;

  @Field(() => String, { description: 'https URL on a declared document repository' })
  repositoryUrl!: string;

  @Field(() => String, { description: '64 hexadecimal characters' })
  sha256!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field(() => String)
  mimeType!: string;

  @Field(() => Confidentiality)
  confidentiality!: Confidentiality;

  @Field(() => DateResolver)
  serviceDate!: Date | string;

  @Field(() => ID, {
    nullable: true,
    description: 'The CURRENT pointer this new version replaces; it becomes SUPERSEDED in the same transaction',
  })
  supersedes?: string | null;
}
