/** What a sweep does each round, and how it tells of a failed round. */
export interface PeriodicSweepOptions {
  /** A short name for logs (no personal data). */
  readonly name: string;
  readonly intervalMs: number;
  /** One round: find what is due and act on it. Must be safe to repeat (commands are idempotent). */
  readonly sweep: () => Promise<unknown>;
  /** Told of a round that threw; the next round runs as planned. */
  readonly onError: (error: unknown) => void;
}

/**
 * Runs `sweep` every `intervalMs`, one round at a time (a slow round delays the next, never
 * overlaps it), until stopped. Used for time-driven work — reminders, escalations — whose
 * commands are idempotent, so every replica may sweep: a round that loses a race to another
 * replica finds nothing left to do.
 */
export class PeriodicSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly options: PeriodicSweepOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** Runs one round now (waiting for a round in progress first); for tests and operators. */
  async runOnce(): Promise<void> {
    await this.running;
    this.running = this.round();
    await this.running;
  }

  /** Stops scheduling and waits for a round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runOnce().finally(() => this.schedule());
    }, this.options.intervalMs);
    // A pending sweep never keeps the process alive on its own.
    this.timer.unref();
  }

  private async round(): Promise<void> {
    try {
      await this.options.sweep();
    } catch (error) {
      this.options.onError(error);
    }
  }
}
