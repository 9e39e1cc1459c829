export * from './lib/trail/hash-chain';
export * from './lib/trail/verify-chain';
export * from './lib/alerts/unusual-access';
export * from './lib/alerts/access-alert.decider';
