import { Scopes } from '@cmb/kit';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Confidentiality } from './confidentiality';
import { DocumentStatus } from './document-status';

/**
 * A pointer to one document of a person's shared medical record (DMP): the
 * document stays with its custodian; this says where it is and how to check
 * it. Health data: readable under `records:read` (or `records:break-glass`
 * through a person's record), by the writer that registers or withdraws
 * it (`records:write`) in the mutation's answer, and by the person through
 * the patient portal (`records:consent`, `me { documents }`).
 */
@ObjectType('DocumentPointer')
@Directive('@key(fields: "id")')
@Scopes({ anyOf: ['records:read', 'records:write', 'records:break-glass', 'records:consent'], sensitivity: 'HEALTH' })
export class DocumentPointerType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Code of the versioned document-type list (see documentTypes)' })
  type!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'INPE of the professional who wrote the document' })
  authorInpe!: string;

  @Field(() => String, { description: 'INPE of the establishment that keeps the document' })
  custodianInpe!: string;

  @Field(() => String, { description: 'Where the custodian serves the document (https)' })
  repositoryUrl!: string;

  @Field(() => String, { description: 'SHA-256 of the document, lower-case hex' })
  sha256!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field(() => String)
  mimeType!: string;

  @Field(() => Confidentiality)
  confidentiality!: Confidentiality;

  @Field(() => DocumentStatus)
  status!: DocumentStatus;

  @Field(() => ID, { nullable: true, description: 'The earlier version this pointer replaces' })
  supersedes!: string | null;

  @Field(() => DateResolver, { description: 'Day of the care the document records' })
  serviceDate!: string;

  @Field(() => DateTimeResolver)
  registeredAt!: string;

  @Field(() => Boolean, { description: 'Hidden by the person from every reader but break-glass (maskDocument, unmaskDocument)' })
  masked!: boolean;
}
