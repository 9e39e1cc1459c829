/**
 * Wakes live subscriptions of one store when it appends: a version number that each append
 * bumps, and waiters that resolve when it moves, when their timeout passes (the slow poll that
 * sees other processes' writes) or when they are aborted. Comparing versions means an append that
 * lands between a subscription's last read and its wait is never missed.
 */
export class AppendSignal {
  private currentVersion = 0;
  private readonly waiters = new Set<() => void>();

  get version(): number {
    return this.currentVersion;
  }

  notify(): void {
    this.currentVersion += 1;
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves once the version differs from `seenVersion`, after `timeoutMs`, or on abort. */
  wait(seenVersion: number, timeoutMs: number, abort: AbortSignal): Promise<void> {
    if (this.currentVersion !== seenVersion || abort.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        abort.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
      abort.addEventListener('abort', wake, { once: true });
    });
  }
}
