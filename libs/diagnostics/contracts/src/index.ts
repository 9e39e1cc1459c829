export * from './lib/diagnostics.topics';
export * from './lib/diagnostics-api.v1';
export * from './lib/diagnostics-events.v1';
