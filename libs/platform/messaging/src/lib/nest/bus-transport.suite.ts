/// <reference types="jest" />
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Controller, type INestMicroservice, Module, UseFilters } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, type MicroserviceOptions, Payload } from '@nestjs/microservices';
import { IsString, Matches } from 'class-validator';
import { toBusMessage, type IntegrationEvent } from '../cloud-events';
import {
  defineIntegrationEvent,
  type IntegrationEventSchema,
  toValidatedBusMessage,
} from '../integration-events';
import {
  type ConsumedMessage,
  DeadLetterHeaders,
  deadLetterTopicOf,
  type MessageBus,
  PoisonMessageError,
} from '../messaging.port';
import { waitFor as pollUntil } from '@ilinks/shared/testing';
import { BusContext, BusExceptionFilter, BusTransportStrategy } from './bus.transport';

class LocalRecordLinkedV1 {
  @Matches(/^person-\d+$/)
  personId!: string;

  @IsString()
  localRecordKey!: string;
}

const LINKED_TYPE = 'ilinks.identity.local-record-linked.v1';
const FLAKY_TYPE = 'ilinks.identity.flaky-thing-happened.v1';
const POISON_TYPE = 'ilinks.identity.poison-thing-happened.v1';
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

interface Seen {
  readonly event: IntegrationEvent;
  readonly attempt: number;
  readonly traceparent: string | undefined;
}

/** What the controller saw, shared with the test. */
const seen: Record<'linked' | 'flaky' | 'poison', Seen[]> = { linked: [], flaky: [], poison: [] };

@Controller()
@UseFilters(BusExceptionFilter)
class IdentityEventsController {
  @EventPattern(LINKED_TYPE)
  async onLinked(@Payload() event: IntegrationEvent, @Ctx() context: BusContext): Promise<void> {
    seen.linked.push({ event, attempt: context.getAttempt(), traceparent: context.getTraceparent() });
  }

  @EventPattern(FLAKY_TYPE)
  async onFlaky(@Payload() event: IntegrationEvent, @Ctx() context: BusContext): Promise<void> {
    seen.flaky.push({ event, attempt: context.getAttempt(), traceparent: undefined });
    if (context.getAttempt() < 3) throw new Error('downstream not ready');
  }

  @EventPattern(POISON_TYPE)
  onPoison(@Payload() event: IntegrationEvent, @Ctx() context: BusContext): void {
    seen.poison.push({ event, attempt: context.getAttempt(), traceparent: undefined });
    throw new PoisonMessageError('cannot ever handle this');
  }
}

@Module({ controllers: [IdentityEventsController] })
class IdentityEventsModule {}

const envelope = (id: string, type: string, data: unknown): IntegrationEvent => ({
  id,
  source: '/ilinks/identity-matching',
  type,
  subject: 'person-1',
  time: '2026-01-02T03:04:05.000Z',
  datacontenttype: 'application/json',
  data,
});

/**
 * The Nest transport's behaviour on a given bus: a real Nest microservice whose controller has
 * `@EventPattern` handlers. Each test uses its own topic and group, so a shared broker is fine.
 */
export function busTransportSuite(name: string, openBus: () => MessageBus, waitTimeoutMs = 10_000): void {
  describe(`BusTransportStrategy (Nest microservice on ${name})`, () => {
    let bus: MessageBus;
    let app: INestMicroservice;
    let topic: string;
    let groupId: string;
    let LocalRecordLinked: IntegrationEventSchema<LocalRecordLinkedV1>;
    const deadLetters: ConsumedMessage[] = [];
    const waitFor = async (description: string, condition: () => boolean): Promise<void> => {
      await pollUntil(condition, { description, timeoutMs: waitTimeoutMs });
    };

    beforeEach(async () => {
      for (const list of Object.values(seen)) list.length = 0;
      deadLetters.length = 0;
      topic = `nest-transport.${randomUUID().slice(0, 8)}`;
      groupId = `identity-events-${randomUUID().slice(0, 8)}`;
      LocalRecordLinked = defineIntegrationEvent({
        type: LINKED_TYPE,
        topic: topic,
        dataClass: LocalRecordLinkedV1,
      });
      bus = openBus();
      const strategy = new BusTransportStrategy({
        bus,
        groupId,
        topics: [topic],
        schemas: [LocalRecordLinked],
        retry: { maxAttempts: 4, initialBackoffMs: 5, maxBackoffMs: 20 },
      });
      app = await NestFactory.createMicroservice<MicroserviceOptions>(IdentityEventsModule, {
        strategy,
        logger: false,
      });
      await app.listen();
      const dlqReader = await bus.consume(
        { groupId: `dlq-reader-${randomUUID().slice(0, 8)}`, topics: [deadLetterTopicOf(topic)] },
        async (message) => {
          deadLetters.push(message);
        },
      );
      await dlqReader.ready;
    }, waitTimeoutMs * 2);

    afterEach(async () => {
      await app.close();
      await bus.close();
    }, waitTimeoutMs * 2);

    it('hands a valid event to its @EventPattern handler, data as the schema class', async () => {
      await bus.publish([
        toValidatedBusMessage(
          LocalRecordLinked,
          'person-1',
          { ...envelope('evt-1', '', {}), data: { personId: 'person-1', localRecordKey: 'org:1' } },
          traceparent,
        ),
      ]);

      await waitFor('the handler to see the event', () => seen.linked.length === 1);
      const [{ event, attempt, traceparent: received }] = seen.linked;
      expect(event).toMatchObject({
        id: 'evt-1',
        type: LINKED_TYPE,
        subject: 'person-1',
        data: { personId: 'person-1' },
      });
      expect(event.data).toBeInstanceOf(LocalRecordLinkedV1);
      expect(attempt).toBe(1);
      expect(received).toBe(traceparent);
    });

    it('dead-letters an event whose data fails its schema, without calling the handler', async () => {
      const invalid = envelope('evt-2', LINKED_TYPE, {
        personId: 'Jane Doe',
        localRecordKey: 'org:1',
        extra: true,
      });
      await bus.publish([toBusMessage(topic, 'person-1', invalid)]);

      await waitFor('the dead letter', () => deadLetters.length === 1);
      expect(seen.linked).toEqual([]);
      const headers = deadLetters[0].headers;
      expect(headers[DeadLetterHeaders.reason]).toBe('poison-message');
      expect(headers[DeadLetterHeaders.attempts]).toBe('1');
      expect(headers[DeadLetterHeaders.error]).toContain('personId');
      expect(headers[DeadLetterHeaders.error]).toContain('property extra should not exist');
      expect(headers[DeadLetterHeaders.error]).not.toContain('Jane');
    });

    it('retries a handler that throws until it succeeds', async () => {
      await bus.publish([toBusMessage(topic, 'person-1', envelope('evt-3', FLAKY_TYPE, { any: 'thing' }))]);

      await waitFor('the third attempt', () => seen.flaky.length === 3);
      expect(seen.flaky.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
      expect(deadLetters).toEqual([]);
    });

    it('dead-letters at once when a handler throws PoisonMessageError (through BusExceptionFilter)', async () => {
      await bus.publish([toBusMessage(topic, 'person-1', envelope('evt-4', POISON_TYPE, {}))]);

      await waitFor('the dead letter', () => deadLetters.length === 1);
      expect(seen.poison).toHaveLength(1);
      expect(deadLetters[0].headers[DeadLetterHeaders.reason]).toBe('poison-message');
      expect(deadLetters[0].headers[DeadLetterHeaders.error]).toContain('cannot ever handle this');
    });

    it('commits and ignores event types it has no handler for; dead-letters what is not a CloudEvent', async () => {
      await bus.publish([
        toBusMessage(topic, 'person-1', envelope('evt-5', 'ilinks.identity.something-else.v1', {})),
        { topic: topic, key: 'person-1', value: Buffer.from('{}'), headers: {} },
        toValidatedBusMessage(LocalRecordLinked, 'person-1', {
          ...envelope('evt-6', '', {}),
          data: { personId: 'person-1', localRecordKey: 'k' },
        }),
      ]);

      await waitFor('the event after them', () => seen.linked.length === 1);
      await waitFor('the dead letter', () => deadLetters.length === 1);
      expect(deadLetters[0].headers[DeadLetterHeaders.error]).toContain('ce_type is missing');
      expect(deadLetters[0].headers[DeadLetterHeaders.originalOffset]).toBe('1');
    });

    it('stops consuming on close()', async () => {
      await app.close();
      await bus.publish([
        toValidatedBusMessage(LocalRecordLinked, 'person-1', {
          ...envelope('evt-7', '', {}),
          data: { personId: 'person-1', localRecordKey: 'k' },
        }),
      ]);
      const late: ConsumedMessage[] = [];
      const next = await bus.consume({ groupId, topics: [topic] }, async (message) => {
        late.push(message);
      });
      await next.ready;
      await waitFor('the event to reach the next consumer of the group', () => late.length === 1);
      expect(seen.linked).toEqual([]);
    });
  });
}
