export * from './lib/content-hash';
export * from './lib/record-entry.types';
export * from './lib/record-entry.stream';
export * from './lib/record-entry.decider';
