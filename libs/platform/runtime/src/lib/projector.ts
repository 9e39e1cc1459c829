import type { EventStore, RecordedEvent, Subscription } from '@ilinks/platform/event-store';
import {
  applyToReadModel,
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
  /** Save the checkpoint after this many events (and whenever the subscription goes idle). */
  readonly checkpointEvery?: number;
  readonly onApplied?: (event: RecordedEvent) => void;
}

/**
 * Keeps a service's own read models up to date from its own streams: subscription from the last
 * checkpoint, each event applied to every projection (version-guarded, so replays are harmless),
 * checkpoint saved behind.
 */
export class Projector {
  private subscription?: Subscription;
  private sinceCheckpoint = 0;
  private lastPosition?: bigint;
  private idleTimer?: NodeJS.Timeout;
  /** Position of the newest event applied (or of the checkpoint started from). */
  private appliedPosition = -1n;
  private readonly waiters = new Set<{ readonly position: bigint; readonly resolve: () => void }>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly projections: readonly BoundProjection[],
    private readonly options: ProjectorOptions,
  ) {}

  async start(): Promise<void> {
    const checkpoint = await this.checkpoints.load(this.options.name);
    if (checkpoint !== undefined) this.appliedPosition = checkpoint;
    this.subscription = this.eventStore.subscribeToAll(
      {
        from: checkpoint === undefined ? 'start' : { after: checkpoint },
        streamPrefixes: this.options.streamPrefixes,
        name: `projector:${this.options.name}`,
      },
      (event) => this.apply(event),
    );
    this.subscription.done.catch(() => undefined);
    await this.subscription.caughtUp;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.saveCheckpoint();
  }

  private async apply(event: RecordedEvent): Promise<void> {
    const projectionEvent = projectionEventOf(event);
    for (const { projection, collection } of this.projections) {
      await applyToReadModel(collection, projection, projectionEvent);
    }
    this.lastPosition = event.position;
    this.appliedPosition = event.position;
    this.releaseWaiters();
    this.options.onApplied?.(event);
    if (++this.sinceCheckpoint >= (this.options.checkpointEvery ?? 100)) await this.saveCheckpoint();
    else this.scheduleIdleCheckpoint();
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
