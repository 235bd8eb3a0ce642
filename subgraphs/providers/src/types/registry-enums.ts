import { registerEnumType } from 'type-graphql';

/** Whether a version of the INPE registry copy stands (the latest standing one is in force) or was rolled back. */
export enum RegistryVersionStatusValue {
  CURRENT = 'CURRENT',
  ROLLED_BACK = 'ROLLED_BACK',
}

registerEnumType(RegistryVersionStatusValue, {
  name: 'ProviderRegistryVersionStatus',
  description: 'CURRENT (applied; the latest CURRENT version is in force) or ROLLED_BACK',
});

/** How a version changed a code. */
export enum RegistryChangeKindValue {
  ADDED = 'ADDED',
  CHANGED = 'CHANGED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(RegistryChangeKindValue, {
  name: 'ProviderRegistryChangeKind',
  description: 'ADDED (new code), CHANGED (fields differ), WITHDRAWN (absent from the file, or now CLOSED)',
});
