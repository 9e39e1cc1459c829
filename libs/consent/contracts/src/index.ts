export * from './lib/consent.topics';
