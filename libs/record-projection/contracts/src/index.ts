export * from './lib/record-projection.topics';
