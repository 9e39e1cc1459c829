export * from './lib/diagnostics.topics';
