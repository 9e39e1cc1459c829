export * from './lib/brand';
export * from './lib/clock';
export * from './lib/decider';
export * from './lib/deterministic-id';
export * from './lib/errors';
export * from './lib/canonical-json';
