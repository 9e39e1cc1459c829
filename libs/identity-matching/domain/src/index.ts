export * from './lib/demographics.validation';
export * from './lib/local-record.decider';
export * from './lib/local-record.stream';
export * from './lib/local-record.types';
export * from './lib/nhs-number';
export * from './lib/matching/comparison-levels';
