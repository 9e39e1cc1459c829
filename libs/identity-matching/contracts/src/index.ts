export * from './lib/identity.topics';
export * from './lib/local-record-registered.v1';
export * from './lib/identity-api.v1';
export * from './lib/local-record-person-changed.v1';
