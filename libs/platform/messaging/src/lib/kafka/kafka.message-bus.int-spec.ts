import { messageBusContract } from '../message-bus.contract';
import { KafkaMessageBus } from './kafka.message-bus';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) {
  throw new Error(
    'KAFKA_BROKERS is not set. Start Kafka with `bash infra/local/start.sh`, then `set -a; source .infra/env; set +a`.',
  );
}

messageBusContract(
  'kafka',
  () => new KafkaMessageBus({ brokers: brokers.split(','), clientId: 'messaging-contract', logLevel: 'error' }),
  { waitTimeoutMs: 20_000 },
);
