import { type DataPoint, MetricReader } from '@opentelemetry/sdk-metrics';

/**
 * A pull-only metric reader for tests: attach it to a `MeterProvider`, then read what the
 * instruments hold with `dataPoints(name)`.
 */
export class CollectingMetricReader extends MetricReader {
  async dataPoints(name: string): Promise<DataPoint<unknown>[]> {
    const { resourceMetrics } = await this.collect();
    return resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .filter((metric) => metric.descriptor.name === name)
      .flatMap((metric) => metric.dataPoints as DataPoint<unknown>[]);
  }

  protected override async onForceFlush(): Promise<void> {
    // Pull-based: nothing is buffered.
  }

  protected override async onShutdown(): Promise<void> {
    // Nothing is held.
  }
}
