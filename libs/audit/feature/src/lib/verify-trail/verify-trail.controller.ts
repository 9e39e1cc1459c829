import type { AuditEventV1, TrailVerificationV1 } from '@ilinks/audit/contracts';
import { CHAIN_WALK_START, finishChainWalk, isChainWalkDecided, stepChainWalk } from '@ilinks/audit/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import { CLOCK, EVENT_STORE } from '@ilinks/platform/runtime';
import type { Clock } from '@ilinks/shared/kernel';
import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { AUDIT_TRAIL_STREAM, trailEntryOf } from '../audit-trail/audit-trail.stream';

const PAGE = 1_000;

/** The trail in stored order, a page at a time, as chain entries. */
export async function* readTrail(eventStore: EventStore): AsyncGenerator<AuditEventV1[]> {
  let from = 0n;
  for (;;) {
    const events = await eventStore.readStream(AUDIT_TRAIL_STREAM, { fromRevision: from, maxCount: PAGE });
    if (events.length > 0) yield events.map((event) => trailEntryOf(event.data, event.revision));
    if (events.length < PAGE) return;
    from = events[events.length - 1].revision + 1n;
  }
}

/** The record id of a stored record, however damaged. */
function recordIdOf(record: AuditEventV1['record'] | null): string | undefined {
  const recordId = (record as { recordId?: unknown } | null)?.recordId;
  return typeof recordId === 'string' ? recordId : undefined;
}

/** Recomputes the hash chain over the trail as stored in the event store (not the views), in constant memory. */
export async function verifyAuditTrail(eventStore: EventStore, clock: Clock): Promise<TrailVerificationV1> {
  let walk = CHAIN_WALK_START;
  for await (const page of readTrail(eventStore)) {
    for (const entry of page) walk = stepChainWalk(walk, entry, recordIdOf);
    if (isChainWalkDecided(walk)) break;
  }
  return { ...finishChainWalk(walk), verifiedAt: clock.now().toISOString() };
}

/** Tamper evidence over HTTP: `POST /trail/verify`. */
@Controller('trail')
export class VerifyTrailController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('verify')
  @HttpCode(200)
  verify(): Promise<TrailVerificationV1> {
    return verifyAuditTrail(this.eventStore, this.clock);
  }
}
