export * from './lib/correspondence.service';
