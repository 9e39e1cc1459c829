export * from './lib/correspondence.topics';
export * from './lib/correspondence-api.v1';
export * from './lib/correspondence-events.v1';
