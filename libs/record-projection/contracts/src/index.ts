export * from './lib/record-projection.topics';
export * from './lib/record-api.v1';
export * from './lib/record-events.v1';
export * from './lib/record-collaboration-api.v1';
export * from './lib/safeguarding-api.v1';
