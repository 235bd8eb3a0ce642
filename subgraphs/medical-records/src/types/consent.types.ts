import { Scopes } from '@cmb/kit';
import { DateTimeResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, ObjectType } from 'type-graphql';

/** An establishment or a professional the person has blocked from their record. */
@ObjectType('ProviderBlock')
@Scopes({ anyOf: ['records:consent'], sensitivity: 'HEALTH' })
export class ProviderBlockType {
  @Field(() => String, { description: 'INPE of the blocked establishment or professional' })
  inpe!: string;

  @Field(() => DateTimeResolver)
  since!: string;
}

/** The consent a person has set on their shared medical record, as they manage it from the patient portal. */
@ObjectType('ConsentSettings')
@Scopes({ anyOf: ['records:consent'], sensitivity: 'HEALTH' })
export class ConsentSettingsType {
  @Field(() => [ProviderBlockType], {
    description: 'Establishments and professionals that may not read the record (break-glass excepted), oldest first',
  })
  blockedProviders!: ProviderBlockType[];

  @Field(() => [ID], { description: 'Documents hidden from every reader (break-glass excepted)' })
  maskedDocuments!: string[];
}

/** Who manages consent: the person's reference and the capability `me.consentCapability` gave them. */
@ArgsType()
export class ConsentArgs {
  @Field(() => ID, { description: 'The person reference (me.ref)' })
  personRef!: string;

  @Field(() => String, { description: 'me.consentCapability, from the beneficiaries subgraph' })
  capability!: string;
}

/** Arguments of `blockProvider` and `unblockProvider`. */
@ArgsType()
export class ProviderConsentArgs extends ConsentArgs {
  @Field(() => String, { description: 'INPE of the establishment or professional' })
  inpe!: string;
}

/** Arguments of `maskDocument` and `unmaskDocument`. */
@ArgsType()
export class DocumentConsentArgs extends ConsentArgs {
  @Field(() => ID, { description: "A document of the person's record" })
  id!: string;
}
