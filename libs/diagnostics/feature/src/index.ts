export * from './lib/diagnostics.service';
