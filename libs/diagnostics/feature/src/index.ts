export * from './lib/diagnostics.service';
export * from './lib/diagnostics.config';
export * from './lib/escalation/result-escalations';
export * from './lib/integration-events/diagnostics-events.mapper';
export * from './lib/testing/start-diagnostics-service';
