export * from './lib/projector';
export * from './lib/service-adapters';
export * from './lib/service-definition';
export * from './lib/service-runtime';
export * from './lib/tokens';
export * from './lib/service-root.module';
export * from './lib/start-service';
