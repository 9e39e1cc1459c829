import { createPlatformMetrics, type PlatformMetrics } from '@ilinks/platform/observability';
import { type Histogram, metrics } from '@opentelemetry/api';

let shared: { platform: PlatformMetrics; relayPublishLag: Histogram } | undefined;

/** The process's instruments, created once (several services share them in embedded mode). */
export function runtimeMetrics(): { platform: PlatformMetrics; relayPublishLag: Histogram } {
  shared ??= {
    platform: createPlatformMetrics(),
    relayPublishLag: metrics.getMeter('@ilinks/platform').createHistogram('ilinks.relay.publish_lag', {
      description:
        "Time from an event's recording to the broker's acknowledgement of its message, per relay batch (oldest event)",
      unit: 's',
    }),
  };
  return shared;
}

const TRAILING_UUID = /-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `identity.local-record-<uuid>` → `identity.local-record`: a stream's category, never its id. */
export function streamCategory(streamName: string): string {
  if (TRAILING_UUID.test(streamName)) return streamName.replace(TRAILING_UUID, '');
  const dash = streamName.lastIndexOf('-');
  return dash > 0 ? streamName.slice(0, dash) : streamName;
}
