export * from './lib/record-projection.service';
export * from './lib/on-local-record-registered/local-record-index.projection';
export * from './lib/entries-view/entries.projection';
export * from './lib/integration-events/record-events.mapper';
