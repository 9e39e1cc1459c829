import { logLevel } from 'kafkajs';
import type { BusLogLevel } from '../bus-logger';
import { decodeHeaders, forwardKafkaLog, KafkaMessageBus } from './kafka.message-bus';

describe('KafkaMessageBus (no broker needed)', () => {
  it('refuses to start without brokers', () => {
    expect(() => new KafkaMessageBus({ brokers: [] })).toThrow('at least one broker');
  });

  it('decodes Kafka headers to strings, the last of repeated ones winning', () => {
    expect(
      decodeHeaders({ a: Buffer.from('x'), b: 'y', c: [Buffer.from('1'), Buffer.from('2')], d: undefined }),
    ).toEqual({
      a: 'x',
      b: 'y',
      c: '2',
    });
    expect(decodeHeaders(undefined)).toEqual({});
  });

  describe('kafkajs log forwarding', () => {
    const capture = () => {
      const entries: { level: BusLogLevel; message: string; context?: Readonly<Record<string, unknown>> }[] =
        [];
      return {
        entries,
        logger: (level: BusLogLevel, message: string, context?: Readonly<Record<string, unknown>>) =>
          entries.push({ level, message, context }),
      };
    };

    it('passes on only whitelisted fields, never a payload', () => {
      const { entries, logger } = capture();
      forwardKafkaLog(logger, {
        namespace: 'Producer',
        level: logLevel.ERROR,
        label: 'ERROR',
        log: {
          timestamp: 'now',
          message: 'failed',
          topic: 't',
          partition: 1,
          error: new Error('boom'),
          payload: 'SECRET',
          stack: 'at x',
        },
      });
      expect(entries).toEqual([
        {
          level: 'error',
          message: 'kafkajs: failed',
          context: { namespace: 'Producer', topic: 't', partition: 1, error: 'Error: boom' },
        },
      ]);
    });

    it('demotes retriable protocol responses to warn', () => {
      const { entries, logger } = capture();
      forwardKafkaLog(logger, {
        namespace: 'Connection',
        level: logLevel.ERROR,
        label: 'ERROR',
        log: {
          timestamp: 'now',
          message: 'Response GroupCoordinator(key: 10, version: 2)',
          error: 'The group coordinator is not available',
        },
      });
      expect(entries[0].level).toBe('warn');
    });
  });
});
