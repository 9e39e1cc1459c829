export * from './lib/event-store.port';
export * from './lib/event-store.errors';
export * from './lib/sqlite/sqlite.event-store';
export * from './lib/eventstoredb/eventstoredb.event-store';
export * from './lib/command-handler';
