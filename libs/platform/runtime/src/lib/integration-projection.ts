import type { IntegrationEvent } from '@ilinks/platform/messaging';
import type { ProjectionEvent } from '@ilinks/platform/read-models';

/**
 * An integration event as a consumer's projection sees it. The version is the event's revision in
 * its subject's stream at the publisher (CloudEvents `sequence`), not the Kafka offset: a relay that
 * republishes after a crash produces new offsets for the same events, and only the publisher's
 * revision lets the read model recognise them.
 */
export function projectionEventFromIntegrationEvent<TData>(
  event: IntegrationEvent<TData>,
): ProjectionEvent<string, TData> {
  if (event.sequence === undefined || !/^\d+$/.test(event.sequence)) {
    throw new Error(`integration event ${event.type} carries no sequence`);
  }
  return {
    type: event.type,
    data: event.data,
    source: `${event.source}#${event.subject ?? ''}`,
    version: Number(event.sequence),
  };
}
