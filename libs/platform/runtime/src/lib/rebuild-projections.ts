import type { RecordedEvent } from '@ilinks/platform/event-store';
import { applyToReadModel, type ApplyOutcome } from '@ilinks/platform/read-models';
import { ReadModelCheckpointStore } from '@ilinks/platform/relay';
import { bindProjections, projectionEventOf } from './projector';
import type { ServiceAdapters } from './service-adapters';
import type { AnyProjection, ServiceDefinition } from './service-definition';

export interface ProjectionRebuildReport {
  readonly service: string;
  readonly views: readonly string[];
  readonly events: number;
  readonly outcomes: Readonly<Record<ApplyOutcome, number>>;
  readonly seconds: number;
}

/**
 * Rebuilds a service's own views from its event store: clears them, replays every event of its
 * streams, and moves the projector's checkpoint to the last event replayed, so the next start
 * carries on from there. Run it while the service is stopped (the embedded platform's data-dir
 * lock ensures that there).
 */
export async function rebuildProjections(
  definition: ServiceDefinition,
  adapters: ServiceAdapters,
): Promise<ProjectionRebuildReport> {
  const started = Date.now();
  const projections = (definition.projections ?? []) as readonly AnyProjection[];
  const bound = await bindProjections(adapters.readModels, projections);
  for (const { collection } of bound) await collection.clear();
  const outcomes: Record<ApplyOutcome, number> = { written: 0, deleted: 0, stale: 0, ignored: 0 };
  let events = 0;
  let last: RecordedEvent | undefined;
  if (bound.length > 0) {
    const subscription = adapters.eventStore.subscribeToAll(
      { from: 'start', streamPrefixes: definition.streamPrefixes, name: `rebuild:${definition.name}` },
      async (event) => {
        const projectionEvent = projectionEventOf(event);
        for (const { projection, collection } of bound)
          outcomes[await applyToReadModel(collection, projection, projectionEvent)] += 1;
        events += 1;
        last = event;
      },
    );
    await subscription.caughtUp;
    await subscription.stop();
    if (last)
      await (
        await ReadModelCheckpointStore.open(adapters.readModels)
      ).save(`${definition.name}.projector`, last.position);
  }
  return {
    service: definition.name,
    views: projections.map((p) => p.collection.name),
    events,
    outcomes,
    seconds: (Date.now() - started) / 1000,
  };
}
