import { type ArgumentsHost, Catch, type RpcExceptionFilter } from '@nestjs/common';
import {
  BaseRpcContext,
  type CustomTransportStrategy,
  type MessageHandler,
  Server,
} from '@nestjs/microservices';
import { withExtractedContext } from '@ilinks/platform/observability';
import { SpanKind } from '@opentelemetry/api';
import { isObservable, lastValueFrom, type Observable, throwError } from 'rxjs';
import { CloudEventHeaders, type IntegrationEvent, traceparentOf } from '../cloud-events';
import {
  decodeIntegrationEvent,
  type IntegrationEventSchema,
  IntegrationEventSchemaRegistry,
} from '../integration-events';
import {
  type ConsumedMessage,
  type Consumer,
  type MessageBus,
  PoisonMessageError,
  type RetryPolicy,
} from '../messaging.port';

/** Event types whose handler is remembered at most (any type may arrive, even unknown ones). */
const MAX_TYPES_KEPT = 1_000;

export interface BusTransportOptions {
  readonly bus: MessageBus;
  /** The consumer group: one per service and purpose (e.g. `record-projection.person-summary`). */
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Schemas to validate event data against before a handler sees it. */
  readonly schemas?: IntegrationEventSchemaRegistry | readonly IntegrationEventSchema[];
  readonly retry?: Partial<RetryPolicy>;
  /** Default true (earliest), as the port. */
  readonly fromBeginning?: boolean;
  /** Create the topics (and `.dlq` twins) on listen. Default true. */
  readonly ensureTopics?: boolean;
}

/**
 * What an `@EventPattern` handler gets as its context (`@Ctx() context: BusContext`): the raw
 * message (partition, offset, attempt, headers) and its trace context.
 */
export class BusContext extends BaseRpcContext<[ConsumedMessage]> {
  getMessage(): ConsumedMessage {
    return this.args[0];
  }

  getAttempt(): number {
    return this.args[0].attempt;
  }

  getTraceparent(): string | undefined {
    return traceparentOf(this.args[0]);
  }
}

/**
 * A Nest microservice transport over the messaging port, so ordinary `@EventPattern('<ce type>')`
 * handlers run unchanged on Kafka and in-process. The payload a handler gets is the decoded
 * `IntegrationEvent` (its `data` an instance of the schema class when one is registered).
 *
 * Per message: an event type with no handler is committed and ignored; a message that is not a
 * JSON CloudEvent, or whose data fails its schema, is dead-lettered at once; a handler that throws
 * (or whose observable errors) is retried by the bus, then dead-lettered.
 */
export class BusTransportStrategy extends Server implements CustomTransportStrategy {
  private readonly schemas: IntegrationEventSchemaRegistry;
  private consumer: Consumer | undefined;
  /** Each event type's handler (or none), found once: Nest's lookup first tries the type as JSON. */
  private readonly handlersByType = new Map<string, MessageHandler | undefined>();
  private handlersFoundAmong = 0;

  constructor(private readonly options: BusTransportOptions) {
    super();
    this.schemas =
      options.schemas instanceof IntegrationEventSchemaRegistry
        ? options.schemas
        : new IntegrationEventSchemaRegistry(options.schemas ?? []);
  }

  listen(callback: (...optionalParams: unknown[]) => unknown): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  /** The transport has no events of its own to subscribe to. */
  on(): void {
    throw new Error('BusTransportStrategy emits no events; observe the bus instead');
  }

  unwrap<T>(): T {
    return this.options.bus as T;
  }

  /** The handler of an event type, as `getHandlerByPattern` finds it; forgotten if handlers change. */
  private handlerOf(type: string): MessageHandler | undefined {
    if (this.messageHandlers.size !== this.handlersFoundAmong || this.handlersByType.size >= MAX_TYPES_KEPT) {
      this.handlersByType.clear();
      this.handlersFoundAmong = this.messageHandlers.size;
    }
    if (!this.handlersByType.has(type))
      this.handlersByType.set(type, this.getHandlerByPattern(type) ?? undefined);
    return this.handlersByType.get(type);
  }

  /** Handles one consumed message; a rejection sends it down the bus's retry/dead-letter path. */
  async handleBusMessage(message: ConsumedMessage): Promise<void> {
    const type = message.headers[CloudEventHeaders.type];
    if (!type) throw new PoisonMessageError(`not a JSON CloudEvent: ${CloudEventHeaders.type} is missing`);
    const handler = this.handlerOf(type);
    if (!handler) return;
    const event: IntegrationEvent = decodeIntegrationEvent(message, this.schemas);
    // The handler runs in a span continuing the publisher's trace (gateway → service → relay → here).
    await withExtractedContext(
      traceparentOf(message),
      async () => settle(await handler(event, new BusContext([message]))),
      {
        spanName: `process ${message.topic}`,
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'ilinks-bus',
          'messaging.destination.name': message.topic,
          'messaging.consumer.group.name': this.options.groupId,
          'cloudevents.event_type': type,
        },
      },
    );
  }

  private async start(): Promise<void> {
    const { bus, groupId, topics, retry, fromBeginning } = this.options;
    if (this.options.ensureTopics ?? true) await bus.ensureTopics(topics);
    const consumer = await bus.consume({ groupId, topics, retry, fromBeginning }, (message) =>
      this.handleBusMessage(message),
    );
    this.consumer = consumer;
    await consumer.ready;
  }
}

/**
 * Nest turns an error thrown by a handler into `{ status: 'error', message: 'Internal server error' }`
 * through its default RPC exception filter, which hides a `PoisonMessageError`. With this filter
 * (`app.useGlobalFilters(new BusExceptionFilter())` or `@UseFilters(BusExceptionFilter)`), the
 * original error reaches the bus: a poison message is dead-lettered at once, with its reason.
 */
@Catch()
export class BusExceptionFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Waits for a handler's promise or observable to finish; rethrows what it failed with, as an Error. */
async function settle(result: unknown): Promise<void> {
  try {
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  } catch (error) {
    throw asError(error);
  }
}

function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  // Nest's default filter rejects with a plain `{ status, message }` object.
  const message =
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
      ? (error as { message: string }).message
      : 'handler failed';
  return new Error(`event handler failed: ${message}`);
}
