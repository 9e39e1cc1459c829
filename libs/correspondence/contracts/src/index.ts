export * from './lib/correspondence.topics';
