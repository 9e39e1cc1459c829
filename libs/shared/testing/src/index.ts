export * from './lib/decider-specification';
export * from './lib/swc-register.path';
export * from './lib/wait-for';
