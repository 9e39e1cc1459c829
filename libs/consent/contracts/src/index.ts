export * from './lib/consent.topics';
export * from './lib/consent-api.v1';
export * from './lib/consent-events.v1';
