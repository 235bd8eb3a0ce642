/**
 * Identity for the federation: verification of Keycloak access tokens, the
 * realm export (single source of truth for clients and purposes), the
 * embedded development issuer and the client-credentials helper.
 */
export * from './identity';
export * from './token-verifier';
export * from './realm';
export * from './dev-issuer';
export * from './client-credentials';
export * from './console-origin';
