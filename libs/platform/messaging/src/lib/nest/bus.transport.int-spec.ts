import { stderrBusLogger } from '../bus-logger';
import { KafkaMessageBus } from '../kafka/kafka.message-bus';
import { busTransportSuite } from './bus-transport.suite';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) {
  throw new Error(
    'KAFKA_BROKERS is not set. Start Kafka with `bash infra/local/start.sh`, then `set -a; source .infra/env; set +a`.',
  );
}

busTransportSuite(
  'Kafka',
  () =>
    new KafkaMessageBus({
      brokers: brokers.split(','),
      clientId: 'nest-transport-int',
      logger: stderrBusLogger('error'),
      logLevel: 'error',
    }),
  20_000,
);
