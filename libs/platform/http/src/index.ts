export * from './lib/operation-outcome';
export * from './lib/operation-outcome.filter';
export * from './lib/validation.pipe';
export * from './lib/request-id';
export * from './lib/configure-http-app';
export * from './lib/http-platform.module';
export * from './lib/idempotency-key';
