import {
  backoffDelay,
  type BusMessage,
  type ConsumedMessage,
  DeadLetterHeaders,
  deadLetterTopicOf,
  defaultRetryPolicy,
  type MessageHandler,
  PoisonMessageError,
  type RetryPolicy,
} from './messaging.port';

/** Why a message was dead-lettered. Never carries payload content. */
export type DeadLetterReason = 'poison-message' | 'retries-exhausted';

/** What became of one message after its handler attempts. */
export type DeliveryOutcome =
  | { readonly kind: 'handled'; readonly attempts: number }
  | {
      readonly kind: 'dead-letter';
      readonly reason: DeadLetterReason;
      readonly error: string;
      readonly attempts: number;
    }
  /** The consumer is stopping between attempts: leave the offset uncommitted so it is redelivered. */
  | { readonly kind: 'abandoned'; readonly attempts: number };

/** Hooks an adapter gives the delivery loop. */
export interface DeliveryControl {
  /** True once the consumer is stopping: no further attempt starts. */
  isStopping(): boolean;
  /** Waits before the next attempt; resolves early when the consumer stops. */
  waitBeforeRetry(ms: number): Promise<void>;
}

const MAX_ERROR_HEADER_LENGTH = 500;

/** Fills a partial retry policy with the port's defaults and checks it. */
export function resolveRetryPolicy(partial: Partial<RetryPolicy> | undefined): RetryPolicy {
  const policy = { ...defaultRetryPolicy, ...partial };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1)
    throw new RangeError('retry.maxAttempts must be an integer >= 1');
  if (policy.initialBackoffMs < 0 || policy.maxBackoffMs < 0)
    throw new RangeError('retry backoff must not be negative');
  return policy;
}

/**
 * Hands a message to the handler until it succeeds, throws `PoisonMessageError`, runs out of
 * attempts, or the consumer stops. Sequential: the caller awaits this before the next message of the
 * partition, which is what keeps per-partition order.
 */
export async function deliverWithRetries(
  message: Omit<ConsumedMessage, 'attempt'>,
  handler: MessageHandler,
  policy: RetryPolicy,
  control: DeliveryControl,
): Promise<DeliveryOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await handler({ ...message, attempt });
      return { kind: 'handled', attempts: attempt };
    } catch (error) {
      if (error instanceof PoisonMessageError) {
        return {
          kind: 'dead-letter',
          reason: 'poison-message',
          error: describeError(error),
          attempts: attempt,
        };
      }
      if (attempt >= policy.maxAttempts) {
        return {
          kind: 'dead-letter',
          reason: 'retries-exhausted',
          error: describeError(error),
          attempts: attempt,
        };
      }
      if (control.isStopping()) return { kind: 'abandoned', attempts: attempt };
      await control.waitBeforeRetry(backoffDelay(policy, attempt));
      if (control.isStopping()) return { kind: 'abandoned', attempts: attempt };
    }
  }
}

/**
 * The message to publish on `<topic>.dlq`: the original key, value and headers, plus the
 * `DeadLetterHeaders`. The reason is a fixed code; the error text is the handler's error message
 * (which, by house rule, never holds personal data), cut short.
 */
export function deadLetterFor(
  message: Omit<ConsumedMessage, 'attempt'>,
  outcome: Extract<DeliveryOutcome, { kind: 'dead-letter' }>,
  groupId: string,
): BusMessage {
  return {
    topic: deadLetterTopicOf(message.topic),
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DeadLetterHeaders.reason]: outcome.reason,
      [DeadLetterHeaders.error]: outcome.error,
      [DeadLetterHeaders.originalTopic]: message.topic,
      [DeadLetterHeaders.originalPartition]: String(message.partition),
      [DeadLetterHeaders.originalOffset]: message.offset,
      [DeadLetterHeaders.attempts]: String(outcome.attempts),
      [DeadLetterHeaders.consumerGroup]: groupId,
    },
  };
}

/** `Name: message`, single line, bounded. */
export function describeError(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `Non-error thrown: ${typeof error}`;
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_ERROR_HEADER_LENGTH
    ? `${oneLine.slice(0, MAX_ERROR_HEADER_LENGTH - 1)}…`
    : oneLine;
}

/** A promise that resolves after `ms`, or at once when `signal` aborts. Leaves no timer behind. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
