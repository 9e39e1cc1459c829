export * from './lib/audit.topics';
