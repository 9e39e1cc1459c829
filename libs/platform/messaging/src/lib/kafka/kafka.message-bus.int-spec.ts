import { randomUUID } from 'node:crypto';
import { stderrBusLogger } from '../bus-logger';
import { messageBusContract } from '../message-bus.contract';
import type { ConsumedMessage } from '../messaging.port';
import { partitionForKey } from '../partitioner';
import { waitFor } from '@ilinks/shared/testing';
import { KafkaMessageBus } from './kafka.message-bus';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) {
  throw new Error(
    'KAFKA_BROKERS is not set. Start Kafka with `bash infra/local/start.sh`, then `set -a; source .infra/env; set +a`.',
  );
}

const openBus = (): KafkaMessageBus =>
  new KafkaMessageBus({
    brokers: brokers.split(','),
    clientId: 'messaging-int',
    logger: stderrBusLogger('error'),
    logLevel: 'error',
  });

messageBusContract('kafka', openBus, { waitTimeoutMs: 20_000 });

describe('KafkaMessageBus', () => {
  let bus: KafkaMessageBus;
  beforeAll(() => {
    bus = openBus();
  });
  afterAll(async () => {
    await bus.close();
  });

  it('puts a key on the partition the in-process bus computes (same murmur2 partitioner)', async () => {
    const topic = `kafka.partitioner-${randomUUID().slice(0, 8)}`;
    await bus.ensureTopics([topic]);
    const keys = Array.from({ length: 30 }, (_, i) => `subject-${i}-${randomUUID()}`);
    const received: ConsumedMessage[] = [];
    const consumer = await bus.consume(
      { groupId: `partitioner-${randomUUID().slice(0, 8)}`, topics: [topic] },
      async (message) => {
        received.push(message);
      },
    );
    await consumer.ready;

    await bus.publish(keys.map((key) => ({ topic, key, value: Buffer.from(key), headers: {} })));

    await waitFor(() => received.length === keys.length, { description: 'every key', timeoutMs: 20_000 });
    await consumer.stop();
    for (const message of received) expect(message.partition).toBe(partitionForKey(message.key, 3));
  }, 60_000);

  it('creates a topic and its .dlq twin with the configured partitions, and is idempotent', async () => {
    const topic = `kafka.ensure-${randomUUID().slice(0, 8)}`;
    await bus.ensureTopics([topic]);
    await bus.ensureTopics([topic]);
    const admin = bus['kafka'].admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic, `${topic}.dlq`] });
      expect(topics.map((metadata) => metadata.partitions.length)).toEqual([3, 3]);
    } finally {
      await admin.disconnect();
    }
  }, 60_000);
});
