export * from './lib/audit.service';
