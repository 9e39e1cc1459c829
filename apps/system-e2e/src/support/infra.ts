import { execFileSync } from 'node:child_process';
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
export function kafkaBroker(action: 'stop' | 'start'): void {
  execFileSync('bash', [resolve(repoRoot, 'infra/local/kafka.sh'), action], {
    stdio: 'pipe',
    timeout: 120_000,
  });
}
