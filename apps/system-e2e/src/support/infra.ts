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

/**
 * The environment that puts the embedded platform on real Kafka and the MongoDB-wire server, with
 * a database of its own per run (runs never see each other's views; topics are shared, consumers
 * idempotent, and a fresh database has no checkpoints, so the relay republishes from the start).
 */
export function kafkaAndMongoEnvironment(run: string): Record<string, string> {
  const { kafkaBrokers, mongoUrl } = integrationServices();
  return {
    ILINKS_BUS: 'kafka',
    ILINKS_READ_MODELS: 'mongodb',
    KAFKA_BROKERS: kafkaBrokers,
    MONGODB_URL: mongoUrl,
    MONGODB_DB: `e2e_${run}`,
  };
}

/**
 * Starts `groupId` at the end of `topic`, as a fresh broker would: what earlier platforms on this
 * broker left unconsumed is not this run's. Only for a group with no live member (the previous
 * suite's platform has stopped); otherwise it waits for the members to leave, up to `timeoutMs`.
 */
export async function skipBacklog(groupId: string, topic: string, timeoutMs = 60_000): Promise<void> {
  const { Kafka } = await import('kafkajs');
  const admin = new Kafka({
    brokers: integrationServices().kafkaBrokers.split(','),
    clientId: 'e2e-skip-backlog',
    logLevel: 0,
  }).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [group] = (await admin.describeGroups([groupId])).groups;
      if (!group || group.members.length === 0) break;
      if (Date.now() > deadline) throw new Error(`consumer group ${groupId} still has live members`);
      await new Promise((done) => setTimeout(done, 1000));
    }
    if (!(await admin.listTopics()).includes(topic)) return;
    // Explicit end offsets: kafkajs' resetOffsets commits -1, which a consumer reading from the
    // beginning takes as "no offset" and starts from the first record.
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
    });
  } finally {
    await admin.disconnect();
  }
}
