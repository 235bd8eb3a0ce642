import { registerEnumType } from 'type-graphql';

/** How restricted a document is, as its author declares it. */
export enum Confidentiality {
  NORMAL = 'NORMAL',
  RESTRICTED = 'RESTRICTED',
  VERY_RESTRICTED = 'VERY_RESTRICTED',
}

registerEnumType(Confidentiality, { name: 'Confidentiality', description: 'Confidentiality level declared by the author' });
