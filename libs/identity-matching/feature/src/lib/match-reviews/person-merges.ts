import {
  type Command,
  type Decider,
  type DomainEvent,
  fold,
  IllegalStateError,
  NotFoundError,
  type Clock,
} from '@ilinks/shared/kernel';
import {
  type PersonEvent,
  type PersonState,
  personDecider,
  personStream,
} from '@ilinks/identity-matching/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import { CLOCK, EVENT_STORE, executeCommand, ServiceRuntime } from '@ilinks/platform/runtime';
import { Inject, Injectable } from '@nestjs/common';

/**
 * Commands that change who holds which record, each a pair of person streams written in a fixed
 * order with idempotency keys derived from the change, so a retried request (after a crash between
 * the two) completes it and records nothing twice.
 */
@Injectable()
export class PersonChanges {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly runtime: ServiceRuntime,
  ) {}

  /** The survivor takes every record the absorbed person holds now; the absorbed person retires. */
  async merge(
    survivorId: string,
    absorbedId: string,
    mergeId: string,
    reason: string,
    actor: string,
  ): Promise<void> {
    const absorbed = await this.stateOf(absorbedId);
    const survivor = await this.stateOf(survivorId);
    if (survivor.status !== 'active') throw new IllegalStateError('The chosen person is no longer active');
    const alreadyMerged = survivor.merges.some((merge) => merge.mergeId === mergeId);
    if (!alreadyMerged) {
      if (absorbed.status !== 'active')
        throw new IllegalStateError("The record's person is no longer active");
      await this.run(personDecider, personStream(survivorId), `merge:${mergeId}`, actor, {
        type: 'MergePerson',
        data: {
          personId: survivorId,
          mergedPersonId: absorbedId,
          mergedLocalRecordIds: absorbed.linkedLocalRecords.map((record) => record.localRecordId),
          mergeId,
          reason,
        },
      });
    }
    await this.run(personDecider, personStream(absorbedId), `retire:${mergeId}`, actor, {
      type: 'RetirePerson',
      data: { personId: absorbedId, mergedInto: survivorId, mergeId },
    });
  }

  /** Gives the merged person back exactly the records the merge brought, and restores it. */
  async undoMerge(survivorId: string, mergeId: string, reason: string, actor: string): Promise<void> {
    const survivor = await this.stateOf(survivorId);
    if (survivor.status === 'unregistered') throw new NotFoundError('No such person');
    const merge = survivor.merges.find((applied) => applied.mergeId === mergeId);
    if (merge === undefined) throw new NotFoundError('No such merge on this person');
    if (!merge.undone) {
      await this.run(personDecider, personStream(survivorId), `undo:${mergeId}`, actor, {
        type: 'UndoMerge',
        data: { personId: survivorId, mergeId, reason },
      });
    }
    await this.run(personDecider, personStream(merge.mergedPersonId), `restore:${mergeId}`, actor, {
      type: 'RestorePerson',
      data: { personId: merge.mergedPersonId, mergeId },
    });
  }

  /** Takes a record off a person and gives it a person of its own; returns the new person's id. */
  async unlink(personId: string, localRecordId: string, newPersonId: string, reason: string, actor: string) {
    const person = await this.stateOf(personId);
    if (person.status === 'unregistered') throw new NotFoundError('No such person');
    await this.run(personDecider, personStream(personId), `unlink:${newPersonId}`, actor, {
      type: 'UnlinkLocalRecord',
      data: { personId, localRecordId, reason },
    });
    await this.run(personDecider, personStream(newPersonId), `register:${newPersonId}`, actor, {
      type: 'RegisterPerson',
      data: {
        personId: newPersonId,
        localRecordId,
        method: 'new-person',
        explanation: 'unlinked by a reviewer',
      },
    });
  }

  async stateOf(personId: string): Promise<PersonState> {
    const events = await this.eventStore.readStream(personStream(personId));
    return fold(
      personDecider,
      events.map((event) => ({ type: event.type, data: event.data }) as PersonEvent),
    );
  }

  private async run<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    stream: string,
    idempotencyKey: string,
    actor: string,
    command: Omit<C, 'metadata'>,
  ): Promise<void> {
    const metadata = { idempotencyKey, now: this.clock.now(), actor };
    const result = await executeCommand(this.eventStore, decider, stream, { ...command, metadata } as C);
    await this.runtime.waitForViews(result.position);
  }
}
