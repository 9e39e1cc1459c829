import { ReadModelCheckpointStore, Relay } from '@ilinks/platform/relay';
import type { Clock } from '@ilinks/shared/kernel';
import { bindProjections, Projector, projectorCheckpointName } from './projector';
import { runtimeMetrics } from './runtime-metrics';
import type { ServiceAdapters } from './service-adapters';
import type { AnyProjection, ServiceDefinition } from './service-definition';

export interface RuntimeObserver {
  onRelayBatch?(service: string, messages: number, maxLagMs: number): void;
  onRelayError?(service: string, error: unknown, attempt: number): void;
}

/**
 * The moving parts every service runs besides its HTTP API: the projector that keeps its own
 * views, and the relay that publishes its integration events. Started after the app is
 * initialised, stopped before the adapters close.
 */
export class ServiceRuntime {
  private relay?: Relay;
  private projector?: Projector;
  private started = false;
  private stopObservingLag?: () => void;
  private checkpointStore?: Promise<ReadModelCheckpointStore>;

  constructor(
    readonly definition: ServiceDefinition,
    readonly adapters: ServiceAdapters,
    readonly clock: Clock,
    private readonly observer: RuntimeObserver = {},
  ) {}

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { definition, adapters } = this;
    if (definition.publishes.length > 0) await adapters.bus.ensureTopics(definition.publishes);
    const checkpoints = await this.checkpoints();
    const projections = (definition.projections ?? []) as readonly AnyProjection[];
    if (projections.length > 0) {
      this.projector = new Projector(
        adapters.eventStore,
        checkpoints,
        await bindProjections(adapters.readModels, projections),
        {
          name: projectorCheckpointName(definition.name),
          streamPrefixes: definition.streamPrefixes,
        },
      );
      await this.projector.start();
    }
    if (definition.relayMapper) {
      this.relay = new Relay(adapters.eventStore, adapters.bus, checkpoints, {
        name: `${definition.name}.relay`,
        streamPrefixes: definition.streamPrefixes,
        mapper: definition.relayMapper,
        onBatchPublished: (batch) =>
          this.observer.onRelayBatch?.(definition.name, batch.messages, batch.maxLagMs),
        onPublishError: (error, attempt) => this.observer.onRelayError?.(definition.name, error, attempt),
      });
      await this.relay.start();
    }
    const consumed = definition.consumes?.topics ?? [];
    if (consumed.length > 0) {
      // Read at each metrics collection, from the broker (or the embedded log), not from memory.
      this.stopObservingLag = runtimeMetrics().platform.observeConsumerLag(async () =>
        (await adapters.bus.consumerLag(definition.name, consumed)).map((entry) => ({
          group: definition.name,
          ...entry,
        })),
      );
    }
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.stopObservingLag?.();
    await this.relay?.stop();
    await this.projector?.stop();
  }

  /**
   * Resolves once this service's own views include everything up to `position` (read-your-writes
   * for a request that reads a view right after appending). Resolves at once for a service without views.
   */
  async waitForViews(position: bigint, timeoutMs?: number): Promise<void> {
    await this.projector?.waitUntilApplied(position, timeoutMs);
  }

  /** Readiness: the event store answers and the views can be read. */
  async checkEventStore(): Promise<void> {
    await this.adapters.eventStore.headPosition();
  }

  /** The broker answers: its topics (and their dead-letter twins) exist or can be created. */
  async checkBus(): Promise<void> {
    const topics = [...this.definition.publishes, ...(this.definition.consumes?.topics ?? [])];
    if (topics.length > 0) await this.adapters.bus.ensureTopics(topics);
  }

  async checkReadModels(): Promise<void> {
    await (await this.checkpoints()).load(`${this.definition.name}.relay`);
  }

  /** Opened once: opening declares the collection (and its indexes), which a readiness probe must not repeat. */
  private checkpoints(): Promise<ReadModelCheckpointStore> {
    this.checkpointStore ??= ReadModelCheckpointStore.open(this.adapters.readModels);
    return this.checkpointStore;
  }
}
