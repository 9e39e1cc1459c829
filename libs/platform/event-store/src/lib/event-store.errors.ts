/**
 * An event id in an append is already recorded in another stream. Ids are derived from the stream
 * name (see `eventIdFor`), so this means a caller reused ids by mistake: retrying cannot help.
 */
export class EventIdConflictError extends Error {
  constructor(
    readonly streamName: string,
    readonly eventId: string,
  ) {
    super(
      `Event ${eventId} cannot be appended to ${streamName}: its id is already recorded in another stream`,
    );
    this.name = 'EventIdConflictError';
  }
}

/** Raised before anything is written when an append is malformed (no events, the same id twice). */
export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}
