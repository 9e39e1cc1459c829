import { deadLetterFor, deliverWithRetries, describeError, resolveRetryPolicy } from './delivery';
import { DeadLetterHeaders, PoisonMessageError } from './messaging.port';

const message = {
  topic: 't',
  key: 'k',
  value: Buffer.from('v'),
  headers: { ce_id: '1' },
  partition: 2,
  offset: '41',
};

describe('deliverWithRetries', () => {
  const recordingControl = (stopAfterWaits = Infinity) => {
    const waits: number[] = [];
    return {
      waits,
      control: {
        isStopping: () => waits.length >= stopAfterWaits,
        waitBeforeRetry: async (ms: number) => {
          waits.push(ms);
        },
      },
    };
  };

  it('backs off exponentially with a cap, then dead-letters after maxAttempts', async () => {
    const { waits, control } = recordingControl();
    const attempts: number[] = [];
    const outcome = await deliverWithRetries(
      message,
      async ({ attempt }) => {
        attempts.push(attempt);
        throw new Error('down');
      },
      resolveRetryPolicy({ maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 300 }),
      control,
    );
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
    expect(waits).toEqual([100, 200, 300, 300]);
    expect(outcome).toEqual({
      kind: 'dead-letter',
      reason: 'retries-exhausted',
      error: 'Error: down',
      attempts: 5,
    });
  });

  it('dead-letters a PoisonMessageError without retrying', async () => {
    const { waits, control } = recordingControl();
    const outcome = await deliverWithRetries(
      message,
      async () => Promise.reject(new PoisonMessageError('bad')),
      resolveRetryPolicy({}),
      control,
    );
    expect(outcome).toMatchObject({ kind: 'dead-letter', reason: 'poison-message', attempts: 1 });
    expect(waits).toEqual([]);
  });

  it('abandons the message when the consumer stops between attempts', async () => {
    const { control } = recordingControl(1);
    const outcome = await deliverWithRetries(
      message,
      async () => Promise.reject(new Error('x')),
      resolveRetryPolicy({}),
      control,
    );
    expect(outcome).toEqual({ kind: 'abandoned', attempts: 1 });
  });

  it('refuses a policy with no attempt', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(RangeError);
  });
});

describe('deadLetterFor', () => {
  it('keeps key, value and headers, and adds the dead-letter headers', () => {
    const deadLetter = deadLetterFor(
      message,
      { kind: 'dead-letter', reason: 'retries-exhausted', error: 'Error: down', attempts: 3 },
      'g',
    );
    expect(deadLetter).toEqual({
      topic: 't.dlq',
      key: 'k',
      value: message.value,
      headers: {
        ce_id: '1',
        [DeadLetterHeaders.reason]: 'retries-exhausted',
        [DeadLetterHeaders.error]: 'Error: down',
        [DeadLetterHeaders.originalTopic]: 't',
        [DeadLetterHeaders.originalPartition]: '2',
        [DeadLetterHeaders.originalOffset]: '41',
        [DeadLetterHeaders.attempts]: '3',
        [DeadLetterHeaders.consumerGroup]: 'g',
      },
    });
  });

  it('keeps error texts to one bounded line', () => {
    expect(describeError(new Error(`a\nb ${'x'.repeat(1000)}`))).toHaveLength(500);
    expect(describeError('thrown string')).toBe('Non-error thrown: string');
  });
});
