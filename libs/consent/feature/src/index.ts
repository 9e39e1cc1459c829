export * from './lib/consent.service';
export * from './lib/consent.config';
export * from './lib/integration-events/consent-events.mapper';
