import {
  type ConsentCommand,
  type ConsentEvent,
  type ConsentState,
  consentDecider,
  consentStream,
} from '@ilinks/consent/domain';
import type { CommandResult, EventStore } from '@ilinks/platform/event-store';
import { EVENT_STORE, executeCommand, ServiceRuntime } from '@ilinks/platform/runtime';
import { fold } from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';

/** The one command path for consent, and the current state of a person's stream. */
@Injectable()
export class ConsentStreams {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly runtime: ServiceRuntime,
  ) {}

  /** Decides and appends on the person's stream, then waits for the views (read your writes). */
  async execute(command: ConsentCommand): Promise<CommandResult<ConsentEvent>> {
    const result = await executeCommand(
      this.eventStore,
      consentDecider,
      consentStream(command.data.personId),
      command,
    );
    await this.runtime.waitForViews(result.position);
    return result;
  }

  /** The person's stream folded now: the source of truth, never a view. */
  async stateOf(personId: string): Promise<ConsentState> {
    const recorded = await this.eventStore.readStream(consentStream(personId));
    return fold(
      consentDecider,
      recorded.map((event) => ({ type: event.type, data: event.data }) as ConsentEvent),
    );
  }
}
