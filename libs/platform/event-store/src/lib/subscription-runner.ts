import type { Subscription } from './event-store.port';

/** What a subscription's loop sees of its own lifecycle. */
export interface SubscriptionControl {
  /** True once `stop()` was called: the loop must return without delivering more events. */
  readonly stopped: boolean;
  /** Aborted on `stop()`, to cut a wait short. */
  readonly stopSignal: AbortSignal;
  /** Resolves `caughtUp`; later calls are ignored. */
  markCaughtUp(): void;
}

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody is obliged to await `caughtUp` or `done`: a rejection nobody asked about must not
  // crash the process. Awaiting the same promise still sees the rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Runs a subscription loop and gives it the {@link Subscription} shape: `caughtUp` and `done`
 * settle from what the loop does, and `stop()` asks it to end and waits until it has (so no
 * handler runs after `stop()` resolves). `beforeStopWait` lets an adapter cut a blocking read short.
 */
export function runSubscription(
  loop: (control: SubscriptionControl) => Promise<void>,
  beforeStopWait: () => Promise<void> | void = () => undefined,
): Subscription {
  const abort = new AbortController();
  const caughtUp = deferred();
  const done = deferred();
  const control: SubscriptionControl = {
    get stopped() {
      return abort.signal.aborted;
    },
    stopSignal: abort.signal,
    markCaughtUp: () => caughtUp.resolve(),
  };

  const finished = Promise.resolve()
    .then(() => loop(control))
    .then(() => {
      if (!abort.signal.aborted) throw new Error('The subscription ended without being stopped');
      caughtUp.reject(new Error('The subscription was stopped before it caught up'));
      done.resolve();
    })
    .catch((error: unknown) => {
      caughtUp.reject(error);
      done.reject(error);
    });

  return {
    caughtUp: caughtUp.promise,
    done: done.promise,
    stop: async () => {
      abort.abort();
      await beforeStopWait();
      await finished;
    },
  };
}
