export * from './lib/record-projection.service';
export * from './lib/on-local-record-registered/local-record-index.projection';
