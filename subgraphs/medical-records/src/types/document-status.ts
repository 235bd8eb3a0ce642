import { registerEnumType } from 'type-graphql';

/** Where a pointer stands in its life: CURRENT, replaced by a newer version, or withdrawn. */
export enum DocumentStatus {
  CURRENT = 'CURRENT',
  SUPERSEDED = 'SUPERSEDED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(DocumentStatus, {
  name: 'DocumentStatus',
  description: 'CURRENT, SUPERSEDED by a newer version, or WITHDRAWN (final)',
});
