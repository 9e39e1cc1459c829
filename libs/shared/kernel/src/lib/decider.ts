/**
 * An event-sourced aggregate as three plain functions (the "decider" pattern).
 * `decide` turns a command into the events it causes (or throws a typed {@link DomainError});
 * `evolve` folds one event into the state; `initialState` is the state of an empty stream.
 * All three are pure: time, ids and anything else from the outside arrive in the command.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** A fact that happened, named in the past tense, with a JSON-serialisable payload. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** What every command carries besides its payload: the outside world, passed in. */
export interface CommandMetadata {
  /** Names this request: the same key again yields the same event ids, so a retry records nothing twice. */
  readonly idempotencyKey: string;
  /** The time the command is decided at (from the caller's clock, never read inside a decider). */
  readonly now: Date;
  /** Opaque id of who asked (a user or system), for the event's metadata; never personal data. */
  readonly actor?: string;
  readonly correlationId?: string;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** Folds events into a state with a decider's `evolve`. */
export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<never, Event, State>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}

/** Exhaustiveness guard for `switch` over a union: a new member is a compile error here. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
