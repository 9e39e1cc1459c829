import {
  type Counter,
  type Histogram,
  type Meter,
  type ObservableGauge,
  type ObservableResult,
  metrics,
} from '@opentelemetry/api';

/** Lag of one consumer group on one partition, in messages. */
export interface ConsumerLagSample {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

/** How far a relay is behind the head of its event store subscription, in events. */
export interface RelayLagSample {
  readonly relay: string;
  readonly lag: number;
}

export type SampleSource<T> = () => Promise<readonly T[]> | readonly T[];

/** One finished HTTP request. `route` is the template (`/fhir/Patient/:id`), never the URL. */
export interface HttpRequestSample {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly durationSeconds: number;
}

/**
 * The platform's instruments. Attributes are low-cardinality and never personal: route
 * templates, topics, groups, stream categories.
 */
export interface PlatformMetrics {
  readonly httpRequestCount: Counter;
  readonly httpRequestDuration: Histogram;
  readonly consumerLag: ObservableGauge;
  readonly relayLag: ObservableGauge;
  readonly deadLetters: Counter;
  readonly eventsAppended: Counter;
  recordHttpRequest(sample: HttpRequestSample): void;
  /** Registers where consumer lag is read from at each collection; returns an unregister function. */
  observeConsumerLag(source: SampleSource<ConsumerLagSample>): () => void;
  observeRelayLag(source: SampleSource<RelayLagSample>): () => void;
  recordDeadLetter(topic: string, group?: string): void;
  /** `category` is the stream category (`consent-objection`), never a stream name with an id. */
  recordEventsAppended(count: number, category: string): void;
}

const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** Creates the instruments on `meter` (the global meter provider's by default). */
export function createPlatformMetrics(meter: Meter = metrics.getMeter('@ilinks/platform')): PlatformMetrics {
  const httpRequestCount = meter.createCounter('ilinks.http.server.requests', {
    description: 'HTTP requests handled, by method, route template and status',
    unit: '{request}',
  });
  const httpRequestDuration = meter.createHistogram('http.server.request.duration', {
    description: 'Duration of HTTP requests, by method, route template and status',
    unit: 's',
    advice: { explicitBucketBoundaries: HTTP_DURATION_BUCKETS },
  });
  const consumerLag = meter.createObservableGauge('ilinks.messaging.consumer.lag', {
    description: 'Messages a consumer group has yet to process, per partition',
    unit: '{message}',
  });
  const relayLag = meter.createObservableGauge('ilinks.relay.lag', {
    description: 'Events recorded in the event store but not yet published by the relay',
    unit: '{event}',
  });
  const deadLetters = meter.createCounter('ilinks.messaging.dead_lettered', {
    description: 'Messages sent to a dead-letter topic',
    unit: '{message}',
  });
  const eventsAppended = meter.createCounter('ilinks.event_store.events_appended', {
    description: 'Events appended to the event store, by stream category',
    unit: '{event}',
  });

  const observe = <T>(
    gauge: ObservableGauge,
    source: SampleSource<T>,
    attributesOf: (sample: T) => Record<string, string | number>,
    valueOf: (sample: T) => number,
  ) => {
    const callback = async (result: ObservableResult): Promise<void> => {
      for (const sample of await source()) result.observe(valueOf(sample), attributesOf(sample));
    };
    gauge.addCallback(callback);
    return () => gauge.removeCallback(callback);
  };

  return {
    httpRequestCount,
    httpRequestDuration,
    consumerLag,
    relayLag,
    deadLetters,
    eventsAppended,
    recordHttpRequest: (sample) => {
      const attributes = {
        'http.request.method': sample.method,
        'http.route': sample.route,
        'http.response.status_code': sample.status,
      };
      httpRequestCount.add(1, attributes);
      httpRequestDuration.record(sample.durationSeconds, attributes);
    },
    observeConsumerLag: (source) =>
      observe(
        consumerLag,
        source,
        (sample: ConsumerLagSample) => ({
          'messaging.consumer.group.name': sample.group,
          'messaging.destination.name': sample.topic,
          'messaging.destination.partition.id': String(sample.partition),
        }),
        (sample) => sample.lag,
      ),
    observeRelayLag: (source) =>
      observe(
        relayLag,
        source,
        (sample: RelayLagSample) => ({ 'ilinks.relay': sample.relay }),
        (sample) => sample.lag,
      ),
    recordDeadLetter: (topic, group) =>
      deadLetters.add(1, {
        'messaging.destination.name': topic,
        ...(group ? { 'messaging.consumer.group.name': group } : {}),
      }),
    recordEventsAppended: (count, category) =>
      eventsAppended.add(count, { 'ilinks.stream.category': category }),
  };
}
