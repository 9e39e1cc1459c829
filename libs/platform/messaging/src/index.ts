// Port
export * from './lib/messaging.port';
// Adapters
export {
  InProcessMessageBus,
  type InProcessMessageBusOptions,
} from './lib/in-process/in-process.message-bus';
export { KafkaMessageBus, type KafkaMessageBusOptions } from './lib/kafka/kafka.message-bus';
export {
  type BusLogger,
  type BusLogLevel,
  DEAD_LETTERED_LOG_MESSAGE,
  silentBusLogger,
  stderrBusLogger,
} from './lib/bus-logger';
export { murmur2, partitionForKey } from './lib/partitioner';
// Integration events (CloudEvents binary mode + class-validator schemas)
export {
  CloudEventHeaders,
  fromBusMessage,
  type IntegrationEvent,
  toBusMessage,
  traceparentOf,
} from './lib/cloud-events';
export {
  decodeIntegrationEvent,
  defineIntegrationEvent,
  type EventDataClass,
  formatIssues,
  type IntegrationEventSchema,
  IntegrationEventSchemaRegistry,
  toValidatedBusMessage,
  validateEventData,
} from './lib/integration-events';
export { memoizeValidationMetadata } from './lib/validation-metadata-memo';
// Nest transport
export {
  BusContext,
  BusExceptionFilter,
  BusTransportStrategy,
  type BusTransportOptions,
} from './lib/nest/bus.transport';
// Building blocks shared by the adapters (for another adapter, and for tests)
export {
  abortableDelay,
  deadLetterFor,
  type DeadLetterReason,
  deliverWithRetries,
  type DeliveryControl,
  type DeliveryOutcome,
  describeError,
  resolveRetryPolicy,
} from './lib/delivery';
