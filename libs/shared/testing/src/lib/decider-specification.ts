import type { Decider, DomainEvent } from '@ilinks/shared/kernel';

/** A class of error, as passed to {@link DeciderThen.thenThrows}. */
// Constructor parameters are irrelevant here: the class is only used with `instanceof`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorClass<T extends Error = Error> = abstract new (...args: any[]) => T;

/** The last step of a decider specification: what the command must produce. */
export interface DeciderThen<Event extends DomainEvent> {
  /** The command produces exactly these events, in this order (deep equality). */
  then(expected: readonly Event[]): void;
  /** The command is refused with an error of this class, whose message matches if a matcher is given. */
  thenThrows(errorClass: ErrorClass, message?: string | RegExp): void;
  /** The command produces no events (e.g. it was already applied: a repeated command stays quiet). */
  thenNothing(): void;
}

/** The middle step: the command under test. */
export interface DeciderWhen<Command, Event extends DomainEvent> {
  when(command: Command): DeciderThen<Event>;
}

/**
 * Given/When/Then for a decider, with jest's `expect`:
 *
 * ```ts
 * DeciderSpecification.for(consentDecider)
 *   .given([objectionRecorded])
 *   .when(withdrawObjection)
 *   .then([objectionWithdrawn]);
 * ```
 *
 * `given` events are folded with `evolve` from `initialState()`, then `decide` runs once.
 * Only for test files: it calls jest's global `expect`.
 */
export class DeciderSpecification<Command, Event extends DomainEvent, State> {
  private constructor(private readonly decider: Decider<Command, Event, State>) {}

  static for<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
  ): DeciderSpecification<Command, Event, State> {
    return new DeciderSpecification(decider);
  }

  /** The events already in the stream. */
  given(events: readonly Event[]): DeciderWhen<Command, Event> {
    return { when: (command) => this.thenFor(events, command) };
  }

  /** Shorthand for `given([]).when(command)`: a command on an empty stream. */
  when(command: Command): DeciderThen<Event> {
    return this.thenFor([], command);
  }

  private thenFor(history: readonly Event[], command: Command): DeciderThen<Event> {
    const decide = (): readonly Event[] => {
      const state = history.reduce(
        (current, event) => this.decider.evolve(current, event),
        this.decider.initialState(),
      );
      return this.decider.decide(command, state);
    };
    return {
      then: (expected) => {
        expect(decide()).toEqual(expected);
      },
      thenNothing: () => {
        expect(decide()).toEqual([]);
      },
      thenThrows: (errorClass, message) => {
        const thrown = captureError(decide);
        if (thrown === undefined) {
          throw new Error(`Expected the command to be refused with ${errorClass.name}, but it was accepted`);
        }
        expect(thrown).toBeInstanceOf(errorClass);
        if (message !== undefined) expect((thrown as Error).message).toMatch(message);
      },
    };
  }
}

function captureError(action: () => unknown): unknown {
  try {
    action();
    return undefined;
  } catch (error) {
    return error ?? new Error('A falsy value was thrown');
  }
}
