export * from './lib/consent.service';
