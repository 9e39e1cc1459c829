import type { IntegrationEventSchema } from '@ilinks/platform/messaging';
import type { CollectionSpec, DocumentBody, Projection, ProjectionEvent } from '@ilinks/platform/read-models';
import type { RelayMapper } from '@ilinks/platform/relay';

/** What makes a service a service: its streams, what it publishes, its own views, what it consumes. */
export interface ServiceDefinition {
  /** Lower-case name, e.g. `identity-matching`: names its data files, consumer group and checkpoints. */
  readonly name: string;
  /** Prefixes of the event-store streams this service owns. */
  readonly streamPrefixes: readonly string[];
  /** Topics it publishes to (created with their dead-letter twins at start). */
  readonly publishes: readonly string[];
  /** Domain events → integration events; absent when the service publishes nothing. */
  readonly relayMapper?: RelayMapper;
  /** Read models kept from its own streams. */
  // The projections of one service handle different document types; the runner treats them alike.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly projections?: readonly Projection<any, ProjectionEvent<any, any>>[];
  /**
   * Every other read-model collection its feature code opens, e.g. views its consumers keep from
   * other services' topics. With the projections' collections (and the runtime's checkpoints) this
   * is every collection the service keeps: `main.js prepare` creates their indexes before a rollout,
   * so a collection missing here gets its indexes built inside a starting pod instead.
   */
  readonly otherCollections?: readonly CollectionSpec[];
  /** Other services' topics its `@EventPattern` handlers consume, and the schemas to validate them with. */
  readonly consumes?: {
    readonly topics: readonly string[];
    readonly schemas: readonly IntegrationEventSchema[];
  };
}

export type AnyProjection = Projection<DocumentBody, ProjectionEvent>;
