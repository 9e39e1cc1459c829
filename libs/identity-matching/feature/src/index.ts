export * from './lib/identity-matching.service';
export * from './lib/identity-matching.config';
export * from './lib/integration-events/identity-events.mapper';
export * from './lib/local-records-view/local-records.projection';
export * from './lib/register-local-record/register-local-record.dto';
