import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, RecordedEvent, Subscription } from '@ilinks/platform/event-store';
import {
  applyEventsToReadModel,
  type DocumentBody,
  type Projection,
  type ProjectionEvent,
  type ReadModelCollection,
  type ReadModelStore,
} from '@ilinks/platform/read-models';
import type { CheckpointStore } from '@ilinks/platform/relay';

/** A projection paired with the collection it writes. */
export interface BoundProjection {
  readonly projection: Projection<DocumentBody, ProjectionEvent>;
  readonly collection: ReadModelCollection<DocumentBody>;
}

/** An event-store event as a projection sees it: its stream is the source, its revision the version. */
export function projectionEventOf(event: RecordedEvent): ProjectionEvent {
  return { type: event.type, data: event.data, source: event.streamName, version: Number(event.revision) };
}

/** The name a service's projector keeps its checkpoint under (a rebuild moves the same one). */
export const projectorCheckpointName = (service: string): string => `${service}.projector`;

/**
 * Most events a projector applies together (one read and one write per view): a catch-up after a
 * restart goes at batch speed, while a batch's documents still fit comfortably in memory.
 */
export const PROJECTOR_BATCH_SIZE = 2_000;

export async function bindProjections(
  store: ReadModelStore,
  projections: readonly Projection<DocumentBody, ProjectionEvent>[],
): Promise<BoundProjection[]> {
  return Promise.all(
    projections.map(async (projection) => ({
      projection,
      collection: await store.collection(projection.collection),
    })),
  );
}

export interface ProjectorOptions {
  readonly name: string;
  readonly streamPrefixes: readonly string[];
  /** Save the checkpoint once this many events were applied since (and whenever the projector goes idle). */
  readonly checkpointEvery?: number;
  /** Most events applied together; defaults to {@link PROJECTOR_BATCH_SIZE}. */
  readonly batchSize?: number;
  readonly onApplied?: (event: RecordedEvent) => void;
}

/**
 * Keeps a service's own read models up to date from its own streams: subscription from the last
 * checkpoint, the events it hands over collected and applied in batches (every event available
 * when the projector gets to it, up to `batchSize`: one read and one write per view, see
 * `applyEventsToReadModel`), checkpoint saved behind. Replays are version-guarded, so a crash
 * between a batch's writes and its checkpoint only re-applies events as no-ops.
 *
 * A batch that fails is applied again one event at a time, as the projector always did, so the
 * events before a failing one are applied and waited on as before, and the failing one stops the
 * projector: the subscription fails with its error (during `start()`, `start()` does).
 */
export class Projector {
  private subscription?: Subscription;
  private sinceCheckpoint = 0;
  private lastPosition?: bigint;
  private idleTimer?: NodeJS.Timeout;
  /** Position of the newest event applied (or of the checkpoint started from). */
  private appliedPosition = -1n;
  private readonly waiters = new Set<{ readonly position: bigint; readonly resolve: () => void }>();
  /** Handed over by the subscription, not yet applied. */
  private readonly pending: RecordedEvent[] = [];
  /** The loop applying `pending`, while it runs. */
  private draining?: Promise<void>;
  /** Set once an event could not be applied: nothing after it is. */
  private failure?: { readonly error: unknown };

  constructor(
    private readonly eventStore: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly projections: readonly BoundProjection[],
    private readonly options: ProjectorOptions,
  ) {}

  async start(): Promise<void> {
    const checkpoint = await this.checkpoints.load(this.options.name);
    if (checkpoint !== undefined) this.appliedPosition = checkpoint;
    const subscription = this.eventStore.subscribeToAll(
      {
        from: checkpoint === undefined ? 'start' : { after: checkpoint },
        streamPrefixes: this.options.streamPrefixes,
        name: `projector:${this.options.name}`,
      },
      (event) => this.receive(event),
    );
    this.subscription = subscription;
    subscription.done.catch(() => undefined);
    await subscription.caughtUp;
    // Caught up means handed over; started means applied.
    await this.draining;
    if (this.failure) await subscription.stop();
    this.throwIfFailed();
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    // What the subscription handed over before it stopped is applied, as it was before batching.
    await this.draining;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.saveCheckpoint();
  }

  /**
   * Resolves once every event up to `position` (a global position, e.g. from an append) has been
   * applied to the views, so a request can read what it just wrote. Rejects after `timeoutMs`.
   */
  async waitUntilApplied(position: bigint, timeoutMs = 10_000): Promise<void> {
    if (this.appliedPosition >= position) return;
    await new Promise<void>((resolve, reject) => {
      const waiter = { position, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(`${this.options.name}: views did not reach position ${position} in ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /**
   * The subscription's handler: collects the event for the next batch. Holds the subscription
   * back while a full batch waits, and fails it once an event could not be applied.
   */
  private async receive(event: RecordedEvent): Promise<void> {
    this.throwIfFailed();
    this.pending.push(event);
    this.draining ??= this.drain();
    if (this.pending.length >= this.batchSize()) await this.draining;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Applies `pending` batch by batch until it is empty; never rejects (a failure is kept). */
  private async drain(): Promise<void> {
    // One turn of the event loop lets the subscription hand over every event already read
    // (a burst, a catch-up page) before the first batch is cut.
    await nextTurn();
    try {
      while (this.pending.length > 0) {
        await this.applyBatch(this.pending.splice(0, this.batchSize()));
      }
    } catch (error) {
      this.failure = { error };
      this.pending.length = 0;
    } finally {
      this.draining = undefined;
    }
  }

  private async applyBatch(batch: readonly RecordedEvent[]): Promise<void> {
    if (batch.length > 1 && (await this.appliedTogether(batch))) return this.markApplied(batch);
    // One event, or a batch that failed: one at a time, as without batches, so that a failing event
    // stops the projector with every event before it applied.
    for (const event of batch) {
      await this.applyToViews([event]);
      await this.markApplied([event]);
    }
  }

  /** True when the batch is in every view; false when it failed (some views may hold part of it). */
  private async appliedTogether(batch: readonly RecordedEvent[]): Promise<boolean> {
    try {
      await this.applyToViews(batch);
      return true;
    } catch {
      return false;
    }
  }

  private async applyToViews(batch: readonly RecordedEvent[]): Promise<void> {
    const events = batch.map(projectionEventOf);
    for (const { projection, collection } of this.projections) {
      await applyEventsToReadModel(collection, projection, events);
    }
  }

  /** The batch is in every view: waiters it covers are released, the checkpoint follows behind. */
  private async markApplied(batch: readonly RecordedEvent[]): Promise<void> {
    const position = batch[batch.length - 1].position;
    this.lastPosition = position;
    this.appliedPosition = position;
    this.releaseWaiters();
    if (this.options.onApplied) for (const event of batch) this.options.onApplied(event);
    this.sinceCheckpoint += batch.length;
    if (this.sinceCheckpoint >= (this.options.checkpointEvery ?? 100)) await this.saveCheckpoint();
    else this.scheduleIdleCheckpoint();
  }

  private batchSize(): number {
    return Math.max(1, this.options.batchSize ?? PROJECTOR_BATCH_SIZE);
  }

  private releaseWaiters(): void {
    for (const waiter of this.waiters) {
      if (this.appliedPosition >= waiter.position) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private scheduleIdleCheckpoint(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.saveCheckpoint().catch(() => undefined), 200);
  }

  private async saveCheckpoint(): Promise<void> {
    if (this.lastPosition === undefined || this.sinceCheckpoint === 0) return;
    this.sinceCheckpoint = 0;
    await this.checkpoints.save(this.options.name, this.lastPosition);
  }
}
