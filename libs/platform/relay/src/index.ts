export * from './lib/checkpoint-store';
export * from './lib/relay';
