/**
 * A level-free wake-up: `wait(ms)` resolves on the next `wake()` or after `ms` (no timeout when
 * `ms` is undefined). Waiters register synchronously, so a caller that checks for work and then
 * waits in the same tick cannot miss a wake-up from code running on the same event loop.
 */
export class WakeSignal {
  private waiters: (() => void)[] = [];

  wait(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        if (timer) clearTimeout(timer);
        resolve();
      };
      this.waiters.push(done);
      if (ms !== undefined) {
        timer = setTimeout(() => {
          this.waiters = this.waiters.filter((waiter) => waiter !== done);
          resolve();
        }, ms);
        // A fallback poll alone must not keep the process alive.
        timer.unref();
      }
    });
  }

  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
