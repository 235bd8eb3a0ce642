/** Answered as the registry version before the first version of the INPE registry is loaded. */
export const NO_REGISTRY_VERSION = 'NONE';
