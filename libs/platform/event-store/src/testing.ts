// Test-only entry point: contract suites (jest globals) and test helpers. Never imported by production code.
export * from './lib/event-store.contract';
