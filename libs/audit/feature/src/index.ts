export * from './lib/audit.service';
export * from './lib/audit.config';
export * from './lib/audit.tokens';
export * from './lib/verify-trail/verify-chain.command';
