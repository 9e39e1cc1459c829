export * from './lib/audit.topics';
export * from './lib/audit-record.v1';
export * from './lib/audit-api.v1';
