import {
  type CommandResult,
  type EventStore,
  handleCommand,
  type HandleCommandOptions,
} from '@ilinks/platform/event-store';
import { injectTraceContext } from '@ilinks/platform/observability';
import type { Command, Decider, DomainEvent } from '@ilinks/shared/kernel';
import { runtimeMetrics, streamCategory } from './runtime-metrics';

/**
 * The command path a feature calls: `handleCommand` (load, decide, append with the expected
 * revision, retry on conflict) with the request's trace context stored in each event's metadata,
 * so the relay can carry the trace on to the bus.
 */
export async function executeCommand<C extends Command, E extends DomainEvent, S>(
  eventStore: EventStore,
  decider: Decider<C, E, S>,
  streamName: string,
  command: C,
  options: HandleCommandOptions = {},
): Promise<CommandResult<E>> {
  const result = await handleCommand(eventStore, decider, streamName, command, {
    traceparent: injectTraceContext(),
    ...options,
  });
  if (result.events.length > 0 && !result.alreadyAppended) {
    runtimeMetrics().platform.recordEventsAppended(result.events.length, streamCategory(streamName));
  }
  return result;
}
