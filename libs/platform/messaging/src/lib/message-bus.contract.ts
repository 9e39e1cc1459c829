/// <reference types="jest" />
import { randomUUID } from 'node:crypto';
import {
  type BusMessage,
  type ConsumedMessage,
  type Consumer,
  type ConsumerOptions,
  DeadLetterHeaders,
  deadLetterTopicOf,
  type MessageBus,
  type MessageHandler,
  PoisonMessageError,
  type RetryPolicy,
} from './messaging.port';
import { waitFor as pollUntil } from '@ilinks/shared/testing';

export interface MessageBusContractOptions {
  /** How long to wait for a condition (Kafka needs more than in-process). Default 10 000 ms. */
  readonly waitTimeoutMs?: number;
}

/** A retry policy fast enough for tests. */
const quickRetries: RetryPolicy = { maxAttempts: 3, initialBackoffMs: 10, maxBackoffMs: 50 };

/**
 * The behaviour every `MessageBus` adapter must show. Call it from an adapter's spec file:
 * `messageBusContract('in-process', () => new InProcessMessageBus({ filename: ':memory:' }))`.
 * One bus serves the whole suite; each test uses its own topic and group names, so runs on a
 * shared broker do not interfere.
 */
export function messageBusContract(
  name: string,
  factory: () => MessageBus | Promise<MessageBus>,
  options: MessageBusContractOptions = {},
): void {
  const timeoutMs = options.waitTimeoutMs ?? 10_000;
  const testTimeoutMs = timeoutMs * 4;

  describe(`MessageBus contract: ${name}`, () => {
    let bus: MessageBus;
    const running: Consumer[] = [];

    const waitFor = async (description: string, condition: () => boolean): Promise<void> => {
      await pollUntil(condition, { description, timeoutMs });
    };

    /** Starts a consumer and waits until it has joined its group. */
    async function start(consumerOptions: ConsumerOptions, handler: MessageHandler): Promise<Consumer> {
      const consumer = await bus.consume(consumerOptions, handler);
      running.push(consumer);
      await consumer.ready;
      return consumer;
    }

    async function stop(consumer: Consumer): Promise<void> {
      await consumer.stop();
      running.splice(running.indexOf(consumer), 1);
    }

    async function freshTopic(label: string): Promise<string> {
      const topic = unique(`contract.${label}`);
      await bus.ensureTopics([topic]);
      return topic;
    }

    /**
     * Proves the group committed everything on `key`'s partition: a sentinel published after it
     * must be the first message a new consumer of the group sees there.
     */
    async function expectNothingLeft(topic: string, groupId: string, key: string): Promise<void> {
      const seen: ConsumedMessage[] = [];
      await bus.publish([message(topic, key, 'sentinel')]);
      const consumer = await start({ groupId, topics: [topic] }, async (received) => {
        seen.push(received);
      });
      await waitFor('the sentinel', () => seen.some((received) => text(received) === 'sentinel'));
      await stop(consumer);
      expect(seen.filter((received) => received.key === key).map(text)).toEqual(['sentinel']);
    }

    beforeAll(async () => {
      bus = await factory();
    }, testTimeoutMs);

    afterEach(async () => {
      await Promise.all(running.splice(0).map((consumer) => consumer.stop()));
    }, testTimeoutMs);

    afterAll(async () => {
      await bus?.close();
    }, testTimeoutMs);

    it(
      'delivers a published message to a consumer',
      async () => {
        const topic = await freshTopic('delivery');
        const received: ConsumedMessage[] = [];
        await start({ groupId: unique('group'), topics: [topic] }, async (consumed) => {
          received.push(consumed);
        });

        await bus.publish([message(topic, 'subject-1', 'hello')]);

        await waitFor('one message', () => received.length === 1);
        expect(received[0]).toMatchObject({ topic, key: 'subject-1', attempt: 1 });
        expect(text(received[0])).toBe('hello');
        expect(received[0].offset).toMatch(/^\d+$/);
        expect(Number.isInteger(received[0].partition)).toBe(true);
      },
      testTimeoutMs,
    );

    it(
      'reports consumer lag: everything before the group consumes, nothing once it has committed',
      async () => {
        const topic = await freshTopic('lag');
        const groupId = unique('group');
        const total = (lags: readonly { lag: number }[]) => lags.reduce((sum, entry) => sum + entry.lag, 0);
        await bus.publish(
          Array.from({ length: 12 }, (_, i) => message(topic, `subject-${i % 4}`, String(i))),
        );

        const before = await bus.consumerLag(groupId, [topic]);
        expect(total(before)).toBe(12);
        expect(new Set(before.map((entry) => entry.topic))).toEqual(new Set([topic]));

        let handled = 0;
        const consumer = await start({ groupId, topics: [topic] }, async () => {
          handled += 1;
        });
        await waitFor('12 messages handled', () => handled >= 12);
        await stop(consumer);
        expect(total(await bus.consumerLag(groupId, [topic]))).toBe(0);
      },
      testTimeoutMs,
    );

    it(
      'keeps per-key order with interleaved keys (5 keys x 50 messages)',
      async () => {
        const topic = await freshTopic('ordering');
        const keys = ['k-a', 'k-b', 'k-c', 'k-d', 'k-e'];
        const all = Array.from({ length: 50 }, (_, seq) =>
          keys.map((key) => message(topic, key, String(seq))),
        ).flat();
        const seen = new Map<string, number[]>(keys.map((key) => [key, []]));
        const handler: MessageHandler = async (consumed) => {
          seen.get(consumed.key)?.push(Number(text(consumed)));
        };

        await bus.publish(all.slice(0, 100));
        await start({ groupId: unique('group'), topics: [topic] }, handler);
        for (let from = 100; from < all.length; from += 25) await bus.publish(all.slice(from, from + 25));

        await waitFor(
          '250 messages',
          () => [...seen.values()].reduce((sum, seqs) => sum + seqs.length, 0) >= 250,
        );
        const inOrder = Array.from({ length: 50 }, (_, seq) => seq);
        for (const key of keys) expect(seen.get(key)).toEqual(inOrder);
      },
      testTimeoutMs,
    );

    it(
      'redelivers until the handler succeeds and commits once (at-least-once)',
      async () => {
        const topic = await freshTopic('at-least-once');
        const groupId = unique('group');
        const attempts: number[] = [];
        let succeeded = false;
        await start({ groupId, topics: [topic], retry: quickRetries }, async (consumed) => {
          attempts.push(consumed.attempt);
          if (attempts.length <= 2) throw new Error('transient failure');
          succeeded = true;
        });

        await bus.publish([message(topic, 'subject-1', 'flaky')]);

        await waitFor('the third attempt to succeed', () => succeeded);
        expect(attempts).toEqual([1, 2, 3]);
        await Promise.all(running.splice(0).map((consumer) => consumer.stop()));
        await expectNothingLeft(topic, groupId, 'subject-1');
      },
      testTimeoutMs,
    );

    it(
      'commits only after success: a consumer stopped mid-stream loses nothing',
      async () => {
        const topic = await freshTopic('handover');
        const groupId = unique('group');
        const sent = ['s-1', 's-2', 's-3'].flatMap((key) =>
          Array.from({ length: 10 }, (_, seq) => message(topic, key, `${key}:${seq}`)),
        );
        const handled = new Set<string>();
        await bus.publish(sent);

        const first = await start({ groupId, topics: [topic] }, async (consumed) => {
          await pause(15);
          handled.add(text(consumed));
        });
        await waitFor('the first consumer to handle 5 messages', () => handled.size >= 5);
        await stop(first);
        const handledByFirst = handled.size;
        expect(handledByFirst).toBeLessThan(sent.length);

        await start({ groupId, topics: [topic] }, async (consumed) => {
          handled.add(text(consumed));
        });
        await waitFor('every message handled', () => handled.size === sent.length);
        expect([...handled].sort()).toEqual(sent.map((sentMessage) => sentMessage.value.toString()).sort());
      },
      testTimeoutMs,
    );

    it(
      'commits only after success: a message still failing when its consumer stops is redelivered',
      async () => {
        const topic = await freshTopic('uncommitted');
        const groupId = unique('group');
        const failedAttempts: number[] = [];
        // A long backoff keeps the message between attempts, uncommitted, when stop() comes.
        const slowRetries: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 60_000, maxBackoffMs: 60_000 };
        const failing = await start({ groupId, topics: [topic], retry: slowRetries }, async (consumed) => {
          failedAttempts.push(consumed.attempt);
          throw new Error('not yet');
        });
        await bus.publish([message(topic, 'subject-4', 'retry me')]);
        await waitFor('the first attempt to fail', () => failedAttempts.length === 1);
        await stop(failing);

        const redelivered: string[] = [];
        await start({ groupId, topics: [topic] }, async (consumed) => {
          redelivered.push(text(consumed));
        });
        await waitFor('the message to be redelivered', () => redelivered.includes('retry me'));
        expect(failedAttempts).toEqual([1]);
      },
      testTimeoutMs,
    );

    it(
      'dead-letters after bounded retries, with the reason in headers, and moves on',
      async () => {
        const topic = await freshTopic('retries');
        const groupId = unique('group');
        const attempts: number[] = [];
        const handledAfter: string[] = [];
        const deadLetters: ConsumedMessage[] = [];
        await start(
          { groupId: unique('dlq-reader'), topics: [deadLetterTopicOf(topic)] },
          async (consumed) => {
            deadLetters.push(consumed);
          },
        );
        const consumer = await start({ groupId, topics: [topic], retry: quickRetries }, async (consumed) => {
          if (text(consumed).startsWith('bad')) {
            attempts.push(consumed.attempt);
            throw new Error('handler failed');
          }
          handledAfter.push(text(consumed));
        });

        await bus.publish([
          message(topic, 'subject-1', 'bad SECRET-PAYLOAD'),
          message(topic, 'subject-1', 'good'),
        ]);

        await waitFor('the next message to be handled', () => handledAfter.includes('good'));
        await waitFor('the dead letter', () => deadLetters.length === 1);
        expect(attempts).toEqual([1, 2, 3]);
        const deadLetter = deadLetters[0];
        expect(deadLetter.key).toBe('subject-1');
        expect(text(deadLetter)).toBe('bad SECRET-PAYLOAD');
        expect(deadLetter.headers).toMatchObject({
          ce_id: 'id-subject-1',
          [DeadLetterHeaders.reason]: 'retries-exhausted',
          [DeadLetterHeaders.originalTopic]: topic,
          [DeadLetterHeaders.attempts]: '3',
          [DeadLetterHeaders.consumerGroup]: groupId,
        });
        expect(deadLetter.headers[DeadLetterHeaders.error]).toContain('handler failed');
        expect(deadLetter.headers[DeadLetterHeaders.originalPartition]).toMatch(/^\d+$/);
        expect(deadLetter.headers[DeadLetterHeaders.originalOffset]).toMatch(/^\d+$/);
        for (const header of Object.values(DeadLetterHeaders))
          expect(deadLetter.headers[header]).not.toContain('SECRET');

        await stop(consumer);
        await expectNothingLeft(topic, groupId, 'subject-1');
      },
      testTimeoutMs,
    );

    it(
      'dead-letters a PoisonMessageError at once (attempt 1)',
      async () => {
        const topic = await freshTopic('poison');
        const groupId = unique('group');
        const attempts: number[] = [];
        const handledAfter: string[] = [];
        const deadLetters: ConsumedMessage[] = [];
        await start(
          { groupId: unique('dlq-reader'), topics: [deadLetterTopicOf(topic)] },
          async (consumed) => {
            deadLetters.push(consumed);
          },
        );
        await start(
          { groupId, topics: [topic], retry: { ...quickRetries, maxAttempts: 5 } },
          async (consumed) => {
            if (text(consumed) === 'poison') {
              attempts.push(consumed.attempt);
              throw new PoisonMessageError('unreadable event');
            }
            handledAfter.push(text(consumed));
          },
        );

        await bus.publish([message(topic, 'subject-2', 'poison'), message(topic, 'subject-2', 'fine')]);

        await waitFor('the next message to be handled', () => handledAfter.includes('fine'));
        await waitFor('the dead letter', () => deadLetters.length === 1);
        expect(attempts).toEqual([1]);
        expect(deadLetters[0].headers).toMatchObject({
          [DeadLetterHeaders.reason]: 'poison-message',
          [DeadLetterHeaders.attempts]: '1',
          [DeadLetterHeaders.originalTopic]: topic,
        });
        expect(deadLetters[0].headers[DeadLetterHeaders.error]).toContain('unreadable event');
      },
      testTimeoutMs,
    );

    it(
      'gives every message to each of two groups',
      async () => {
        const topic = await freshTopic('fan-out');
        const sent = Array.from({ length: 10 }, (_, seq) => message(topic, `subject-${seq % 4}`, `m${seq}`));
        const byGroup = [new Set<string>(), new Set<string>()];
        for (const seen of byGroup) {
          await start({ groupId: unique('group'), topics: [topic] }, async (consumed) => {
            seen.add(text(consumed));
          });
        }

        await bus.publish(sent);

        await waitFor('both groups to see 10 messages', () => byGroup.every((seen) => seen.size === 10));
        const expected = sent.map((sentMessage) => sentMessage.value.toString()).sort();
        for (const seen of byGroup) expect([...seen].sort()).toEqual(expected);
      },
      testTimeoutMs,
    );

    it(
      'stop() waits for the in-flight handler, then commits it',
      async () => {
        const topic = await freshTopic('graceful-stop');
        const groupId = unique('group');
        const events: string[] = [];
        let started = false;
        const consumer = await start({ groupId, topics: [topic] }, async () => {
          started = true;
          await pause(300);
          events.push('handler finished');
        });
        await bus.publish([message(topic, 'subject-3', 'slow')]);
        await waitFor('the handler to start', () => started);

        await stop(consumer);
        events.push('stop resolved');

        expect(events).toEqual(['handler finished', 'stop resolved']);
        await expectNothingLeft(topic, groupId, 'subject-3');
      },
      testTimeoutMs,
    );

    it(
      'round-trips headers (CloudEvents ce_* and traceparent) and binary values',
      async () => {
        const topic = await freshTopic('headers');
        const headers = {
          ce_specversion: '1.0',
          ce_id: 'evt-1',
          ce_source: '/ilinks/identity-matching/é',
          ce_type: 'ilinks.identity.local-record-linked.v1',
          ce_subject: 'person-123',
          ce_time: '2026-01-02T03:04:05.678Z',
          'content-type': 'application/json',
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        };
        const value = Buffer.from([0, 255, 128, 10, 13]);
        const received: ConsumedMessage[] = [];
        await start({ groupId: unique('group'), topics: [topic] }, async (consumed) => {
          received.push(consumed);
        });

        await bus.publish([{ topic, key: 'person-123', value, headers }]);

        await waitFor('the message', () => received.length === 1);
        expect(received[0].headers).toEqual(headers);
        expect(Buffer.compare(received[0].value, value)).toBe(0);
      },
      testTimeoutMs,
    );
  });
}

function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

function message(topic: string, key: string, body: string): BusMessage {
  return { topic, key, value: Buffer.from(body), headers: { ce_id: `id-${key}` } };
}

function text(consumed: ConsumedMessage): string {
  return consumed.value.toString('utf8');
}

/** Makes a handler slow on purpose (not a wait for state). */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
