export * from './lib/canonical-json';
export * from './lib/record-entry.types';
export * from './lib/record-entry.stream';
export * from './lib/record-entry.decider';
