import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../../..');

/** The real services the integration run needs, from the environment infra/local writes. */
export function integrationServices(): { kafkaBrokers: string; mongoUrl: string } {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  const mongoUrl = process.env.MONGODB_URL;
  if (!kafkaBrokers || !mongoUrl) {
    throw new Error(
      'KAFKA_BROKERS and MONGODB_URL must be set: run `bash infra/local/start.sh` and `source .infra/env`',
    );
  }
  return { kafkaBrokers, mongoUrl };
}

/** Stops or starts the local Kafka broker (infra/local/kafka.sh), keeping its data and port. */
export async function kafkaBroker(action: 'stop' | 'start'): Promise<void> {
  // Asynchronous, so the test's event loop (and its HTTP keep-alive sockets) keeps running meanwhile.
  await promisify(execFile)('bash', [resolve(repoRoot, 'infra/local/kafka.sh'), action], {
    timeout: 120_000,
  });
}
