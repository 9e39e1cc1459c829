export * from './lib/read-model.port';
export * from './lib/read-model.errors';
export { encodeSourceKey, decodeSourceKey } from './lib/source-key';
export { indexName } from './lib/collection-spec';
export { SqliteReadModelStore, type SqliteReadModelStoreOptions } from './lib/sqlite.read-model-store';
export { MongoReadModelStore, type MongoReadModelStoreOptions } from './lib/mongo.read-model-store';
export * from './lib/projection';
export * from './lib/merged-page';
