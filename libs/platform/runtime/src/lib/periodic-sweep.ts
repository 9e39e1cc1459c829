import type { DocumentBody, Filter, ReadModelCollection } from '@ilinks/platform/read-models';

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

/** What {@link actOnDue} looks through: a view's documents that may fall due, by a due-time field. */
export interface DueDocuments<T extends DocumentBody> {
  readonly collection: ReadModelCollection<T>;
  /** Equality filter of the documents still waiting (an index with `dueField` last). */
  readonly where: Filter;
  /** An ISO instant field: the time each document falls due. */
  readonly dueField: keyof T & string;
  readonly now: Date;
  /** Acts on one due document; resolves whether it did anything (false: refused or overtaken). */
  readonly act: (document: T) => Promise<boolean>;
  /** Documents read at once (default 100). */
  readonly pageSize?: number;
  /** Most acts one round makes (default 1,000); the next round carries on. */
  readonly maxActs?: number;
}

/**
 * Acts on every document due by `now`, soonest first, reading the view in due order and stopping at
 * the first not yet due: one sweep round of reminders, escalations and the like. Resolves with how
 * many acts did something.
 */
export async function actOnDue<T extends DocumentBody>(options: DueDocuments<T>): Promise<number> {
  const { collection, where, dueField, now, act } = options;
  const maxActs = options.maxActs ?? 1_000;
  let acted = 0;
  let cursor: string | undefined;
  do {
    const page = await collection.find({
      where,
      sort: { field: dueField, direction: 'asc' },
      limit: options.pageSize ?? 100,
      ...(cursor === undefined ? {} : { cursor }),
    });
    const due = page.items.filter((item) => Date.parse(String(item.body[dueField])) <= now.getTime());
    for (const item of due) {
      if (await act(item.body)) acted += 1;
    }
    cursor = due.length === page.items.length ? page.nextCursor : undefined;
  } while (cursor !== undefined && acted < maxActs);
  return acted;
}
