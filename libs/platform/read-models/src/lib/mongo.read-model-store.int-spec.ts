import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { MongoReadModelStore } from './mongo.read-model-store';
import { readModelStoreContract } from './read-model-store.contract';

function mongoUrl(): string {
  const url = process.env['MONGODB_URL'];
  if (url === undefined || url === '') {
    throw new Error(
      'MONGODB_URL is not set: this integration test needs a MongoDB-wire server. Run `bash infra/local/start.sh`, then `set -a; source .infra/env; set +a`.',
    );
  }
  return url;
}

readModelStoreContract('MongoDB wire (mongoose)', () => {
  const url = mongoUrl();
  // One database per run, so concurrent runs never meet; dropped afterwards.
  const dbName = `ilinks_read_models_contract_${randomBytes(4).toString('hex')}`;
  return {
    open: () => MongoReadModelStore.connect({ url, dbName }),
    dispose: async () => {
      const connection = await mongoose.createConnection(url, { dbName }).asPromise();
      await connection.dropDatabase();
      await connection.close();
    },
  };
});
