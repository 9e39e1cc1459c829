import { deadLetterTopicOf } from '@ilinks/platform/messaging';
import { type CollectionSpec, indexName } from '@ilinks/platform/read-models';
import { checkpointCollection } from '@ilinks/platform/relay';
import type { ServiceAdapters } from './service-adapters';
import type { AnyProjection, ServiceDefinition } from './service-definition';

/** One collection `prepare` opened, and the indexes it holds for the service's declared ones. */
export interface PreparedCollection {
  readonly name: string;
  readonly indexes: readonly string[];
}

/** What `main.js prepare` printed: everything it made sure of, and how long it took. */
export interface PrepareReport {
  readonly service: string;
  readonly collections: readonly PreparedCollection[];
  /** The topics checked, dead-letter twins included. */
  readonly topics: readonly string[];
  readonly seconds: number;
}

/**
 * Every read-model collection the service keeps: its projections' views, the other collections it
 * declares, and the runtime's checkpoints. The first spec of a name wins (a view's name carries its
 * version, so two specs of one name are the same view).
 */
export function collectionsKeptBy(definition: ServiceDefinition): CollectionSpec[] {
  const projections = (definition.projections ?? []) as readonly AnyProjection[];
  const specs = [
    ...projections.map((projection) => projection.collection),
    ...(definition.otherCollections ?? []),
    checkpointCollection,
  ];
  return specs.filter((spec, at) => specs.findIndex((other) => other.name === spec.name) === at);
}

/** The topics the service publishes to or consumes from, each once. */
export function topicsUsedBy(definition: ServiceDefinition): string[] {
  return [...new Set([...definition.publishes, ...(definition.consumes?.topics ?? [])])];
}

/**
 * The names both read-model adapters give a view's indexes: a query index per declared index, and
 * for a unique one its enforcement index beside it.
 */
export function indexNamesOf(spec: CollectionSpec): string[] {
  return spec.indexes.flatMap((index) => {
    const query = indexName(spec.name, { fields: index.fields });
    return index.unique === true ? [query, indexName(spec.name, index)] : [query];
  });
}

/**
 * Gets the backing services ready for a release of the service, before its pods start: opens
 * every collection it keeps (which creates a missing index and drops none; on a large MongoDB
 * collection this is the slow part, better here than under a startup probe) and makes sure its
 * topics and their dead-letter twins exist with leaders (creating them where the bus may, as the
 * embedded one and a development broker do). Throws on the first failure.
 */
export async function prepareService(
  definition: ServiceDefinition,
  adapters: Pick<ServiceAdapters, 'bus' | 'readModels'>,
): Promise<PrepareReport> {
  const started = Date.now();
  const collections: PreparedCollection[] = [];
  // One at a time: index builds on one server compete with each other, and a failure names its view.
  for (const spec of collectionsKeptBy(definition)) {
    await adapters.readModels.collection(spec);
    collections.push({ name: spec.name, indexes: indexNamesOf(spec) });
  }
  const topics = topicsUsedBy(definition);
  if (topics.length > 0) await adapters.bus.ensureTopics(topics);
  return {
    service: definition.name,
    collections,
    topics: topics.flatMap((topic) => [topic, deadLetterTopicOf(topic)]),
    seconds: (Date.now() - started) / 1000,
  };
}
