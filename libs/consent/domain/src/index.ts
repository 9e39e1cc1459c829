export * from './lib/access/access.types';
