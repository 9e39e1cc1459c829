export * from './lib/record-projection.topics';
export * from './lib/record-api.v1';
export * from './lib/record-events.v1';
