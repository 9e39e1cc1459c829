import type { RecordedEvent } from '@ilinks/platform/event-store';
import { applyEventsToReadModel, type ApplyOutcome } from '@ilinks/platform/read-models';
import { ReadModelCheckpointStore } from '@ilinks/platform/relay';
import {
  type BoundProjection,
  bindProjections,
  projectionEventOf,
  projectorCheckpointName,
} from './projector';
import type { ServiceAdapters } from './service-adapters';
import type { AnyProjection, ServiceDefinition } from './service-definition';

/**
 * Events applied together: one read and one write per view and one checkpoint per batch. Large
 * enough to spread a transaction's cost thin; small enough to keep a batch's documents in memory.
 */
export const REBUILD_BATCH_SIZE = 2_000;

export interface ProjectionRebuildReport {
  readonly service: string;
  readonly views: readonly string[];
  readonly events: number;
  readonly outcomes: Readonly<Record<ApplyOutcome, number>>;
  readonly seconds: number;
}

export interface RebuildProjectionsOptions {
  /** Events applied per batch; defaults to {@link REBUILD_BATCH_SIZE}. */
  readonly batchSize?: number;
}

/**
 * Rebuilds a service's own views from its event store: forgets the projector's checkpoint, clears
 * the views, replays every event of its streams in batches (see `applyEventsToReadModel`) and moves
 * the checkpoint to the end of each batch once every view has applied it, so the next start
 * carries on from there. Stopped part way (a crash), the views hold at least every event up to the
 * checkpoint and the projector's catch-up (or another rebuild) applies the rest; replays are
 * version-guarded. Run it while the service is stopped (the embedded platform's data-dir lock
 * ensures that there).
 */
export async function rebuildProjections(
  definition: ServiceDefinition,
  adapters: Pick<ServiceAdapters, 'eventStore' | 'readModels'>,
  options: RebuildProjectionsOptions = {},
): Promise<ProjectionRebuildReport> {
  const started = Date.now();
  const batchSize = Math.max(1, options.batchSize ?? REBUILD_BATCH_SIZE);
  const projections = (definition.projections ?? []) as readonly AnyProjection[];
  const bound = await bindProjections(adapters.readModels, projections);
  const outcomes: Record<ApplyOutcome, number> = { written: 0, deleted: 0, stale: 0, ignored: 0 };
  let events = 0;
  if (bound.length > 0) {
    const checkpoints = await ReadModelCheckpointStore.open(adapters.readModels);
    const checkpoint = projectorCheckpointName(definition.name);
    // Forgotten before the views are cleared: a crash in between must not leave empty views
    // behind a checkpoint that says they are up to date.
    await checkpoints.forget(checkpoint);
    for (const { collection } of bound) await collection.clear();
    const endBulkLoads = await beginBulkLoads(bound);
    try {
      events = await replay(definition, adapters, bound, batchSize, async (recorded, applied) => {
        for (const outcome of applied) outcomes[outcome] += 1;
        await checkpoints.save(checkpoint, recorded[recorded.length - 1].position);
      });
    } catch (error) {
      // The replay's failure is the one to report; the views get their indexes back either way.
      await endBulkLoads().catch(() => undefined);
      throw error;
    }
    await endBulkLoads();
  }
  return {
    service: definition.name,
    views: projections.map((p) => p.collection.name),
    events,
    outcomes,
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * Replays every event of the service's streams into the views, `batchSize` at a time; `onBatch`
 * runs once a batch is in every view. Resolves with how many events were replayed.
 */
async function replay(
  definition: ServiceDefinition,
  adapters: Pick<ServiceAdapters, 'eventStore'>,
  bound: readonly BoundProjection[],
  batchSize: number,
  onBatch: (recorded: readonly RecordedEvent[], outcomes: readonly ApplyOutcome[]) => Promise<void>,
): Promise<number> {
  let events = 0;
  const batch: RecordedEvent[] = [];
  const applyBatch = async (): Promise<void> => {
    const recorded = batch.splice(0, batch.length);
    if (recorded.length === 0) return;
    await onBatch(recorded, await applyToViews(bound, recorded));
    events += recorded.length;
  };
  const subscription = adapters.eventStore.subscribeToAll(
    { from: 'start', streamPrefixes: definition.streamPrefixes, name: `rebuild:${definition.name}` },
    async (event) => {
      batch.push(event);
      if (batch.length >= batchSize) await applyBatch();
    },
  );
  await subscription.caughtUp;
  await subscription.stop();
  await applyBatch();
  return events;
}

/**
 * Starts a bulk load on every view whose store offers one; resolves with the function that ends
 * them all (each attempted even if one fails; the first failure is thrown).
 */
async function beginBulkLoads(bound: readonly BoundProjection[]): Promise<() => Promise<void>> {
  const ends: (() => Promise<void>)[] = [];
  for (const { collection } of bound) {
    if (collection.beginBulkLoad) ends.push(await collection.beginBulkLoad());
  }
  return async () => {
    const results = await Promise.allSettled(ends.map((end) => end()));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  };
}

/** One batch applied to every view in turn; the outcomes of all views, as a flat list. */
async function applyToViews(
  bound: readonly BoundProjection[],
  recorded: readonly RecordedEvent[],
): Promise<ApplyOutcome[]> {
  const projectionEvents = recorded.map(projectionEventOf);
  const outcomes: ApplyOutcome[] = [];
  for (const { projection, collection } of bound) {
    outcomes.push(...(await applyEventsToReadModel(collection, projection, projectionEvents)));
  }
  return outcomes;
}
