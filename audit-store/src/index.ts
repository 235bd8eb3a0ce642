/**
 * The audit store: the tamper-evident audit trail and everything that reads
 * or writes it, shared by the gateway (which writes it), the audit subgraph
 * (which serves it to officers and to the person) and the `npm run audit`
 * command (migrate, verify, export, retention, keys).
 */
export * from './event';
export * from './pseudonym-keyring';
export * from './checkpoint-signing';
export * from './database';
export * from './schema';
export * from './rows';
export * from './store';
export * from './writer';
export * from './verify';
export * from './search';
export * from './review';
export * from './anomalies';
export * from './settings';
export * from './export';
export * from './export-formats';
export * from './retention';
export * from './time';
export * from './witness';
export * from './break-glass-counts';
