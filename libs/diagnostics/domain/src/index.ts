export {};
export * from './lib/requests/diagnostics.stream';
export * from './lib/requests/test-request.decider';
export * from './lib/reports/diagnostic-report.types';
export * from './lib/reports/diagnostic-report.decider';
export * from './lib/results/result.types';
export * from './lib/results/result-flag';
export * from './lib/results/analytes';
