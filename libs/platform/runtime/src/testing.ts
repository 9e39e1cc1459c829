// Test-only entry point: helpers for services' specs. Never imported by production code.
export * from './lib/collections-opened-at-start';
