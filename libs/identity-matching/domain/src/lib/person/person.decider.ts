import {
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  IllegalStateError,
  ValidationError,
} from '@ilinks/shared/kernel';

/**
 * How a local record came to belong to a person when it was linked directly (not by a merge):
 * an agreeing NHS number, a probabilistic match, a reviewer's decision, or — for the first record
 * of a person — because no existing person matched well enough (`new-person`).
 */
export type LinkMethod = 'nhs-number' | 'probabilistic' | 'review' | 'new-person';

/** Why a link was made: the method and, for a match, its score and a human-readable explanation. */
export interface LinkEvidence {
  readonly method: LinkMethod;
  readonly score?: number;
  readonly explanation?: string;
}

// ---- commands

/** Creates a person (a master patient index entry) with its first linked local record. */
export type RegisterPerson = Command<
  'RegisterPerson',
  { readonly personId: string; readonly localRecordId: string } & LinkEvidence
>;

/** Links one more local record to an active person. */
export type LinkLocalRecord = Command<
  'LinkLocalRecord',
  { readonly personId: string; readonly localRecordId: string } & LinkEvidence
>;

/** Detaches a local record from a person, saying why. */
export type UnlinkLocalRecord = Command<
  'UnlinkLocalRecord',
  { readonly personId: string; readonly localRecordId: string; readonly reason: string }
>;

/** The survivor (`personId`) absorbs the local records of another person. */
export type MergePerson = Command<
  'MergePerson',
  {
    readonly personId: string;
    readonly mergedPersonId: string;
    readonly mergedLocalRecordIds: readonly string[];
    readonly mergeId: string;
    readonly reason: string;
  }
>;

/** Gives back to the merged person exactly the records a merge brought to the survivor. */
export type UndoMerge = Command<
  'UndoMerge',
  { readonly personId: string; readonly mergeId: string; readonly reason: string }
>;

/** On the absorbed person's own stream: it now lives on in `mergedInto`. */
export type RetirePerson = Command<
  'RetirePerson',
  { readonly personId: string; readonly mergedInto: string; readonly mergeId: string }
>;

/** On the absorbed person's own stream, after the merge that retired it was undone. */
export type RestorePerson = Command<'RestorePerson', { readonly personId: string; readonly mergeId: string }>;

export type PersonCommand =
  | RegisterPerson
  | LinkLocalRecord
  | UnlinkLocalRecord
  | MergePerson
  | UndoMerge
  | RetirePerson
  | RestorePerson;

// ---- events

export type PersonRegistered = DomainEvent<
  'PersonRegistered',
  { readonly personId: string; readonly localRecordId: string; readonly registeredAt: string } & LinkEvidence
>;

export type LocalRecordLinked = DomainEvent<
  'LocalRecordLinked',
  { readonly personId: string; readonly localRecordId: string; readonly linkedAt: string } & LinkEvidence
>;

export type LocalRecordUnlinked = DomainEvent<
  'LocalRecordUnlinked',
  {
    readonly personId: string;
    readonly localRecordId: string;
    readonly reason: string;
    readonly unlinkedAt: string;
  }
>;

export type PersonMerged = DomainEvent<
  'PersonMerged',
  {
    readonly personId: string;
    readonly mergedPersonId: string;
    readonly mergeId: string;
    readonly localRecordIds: readonly string[];
    readonly reason: string;
    readonly mergedAt: string;
  }
>;

export type PersonMergeUndone = DomainEvent<
  'PersonMergeUndone',
  {
    readonly personId: string;
    readonly mergeId: string;
    /** The person the records go back to. */
    readonly mergedPersonId: string;
    /** The records returned: those the merge brought that the survivor still held through it. */
    readonly localRecordIds: readonly string[];
    readonly reason: string;
    readonly undoneAt: string;
  }
>;

export type PersonRetired = DomainEvent<
  'PersonRetired',
  {
    readonly personId: string;
    readonly mergedInto: string;
    readonly mergeId: string;
    /** The records handed over to the survivor. */
    readonly localRecordIds: readonly string[];
    readonly retiredAt: string;
  }
>;

export type PersonRestored = DomainEvent<
  'PersonRestored',
  {
    readonly personId: string;
    readonly mergeId: string;
    readonly localRecordIds: readonly string[];
    readonly restoredAt: string;
  }
>;

export type PersonEvent =
  | PersonRegistered
  | LocalRecordLinked
  | LocalRecordUnlinked
  | PersonMerged
  | PersonMergeUndone
  | PersonRetired
  | PersonRestored;

// ---- state

/** A local record linked directly, with the evidence for the link. */
export type DirectlyLinkedLocalRecord = {
  readonly localRecordId: string;
  readonly linkedAt: string;
} & LinkEvidence;

/** A local record the person holds because it absorbed another person. */
export interface MergedLocalRecord {
  readonly localRecordId: string;
  readonly linkedAt: string;
  readonly method: 'merge';
  readonly mergeId: string;
}

export type LinkedLocalRecord = DirectlyLinkedLocalRecord | MergedLocalRecord;

/** A merge this person survived, with the records it brought. */
export interface AppliedMerge {
  readonly mergeId: string;
  readonly mergedPersonId: string;
  readonly localRecordIds: readonly string[];
  readonly reason: string;
  readonly mergedAt: string;
  readonly undone: boolean;
}

export interface ActivePerson {
  readonly status: 'active';
  readonly personId: string;
  readonly linkedLocalRecords: readonly LinkedLocalRecord[];
  readonly merges: readonly AppliedMerge[];
  /** Merges that once retired this person and were undone: a repeated restore stays quiet. */
  readonly restoredFromMergeIds: readonly string[];
}

export interface RetiredPerson {
  readonly status: 'retired';
  readonly personId: string;
  readonly mergedInto: string;
  readonly mergeId: string;
  /** What the person held when it was retired, so a restore gives it back as it was. */
  readonly linkedLocalRecords: readonly LinkedLocalRecord[];
  readonly merges: readonly AppliedMerge[];
  readonly restoredFromMergeIds: readonly string[];
}

export type PersonState = { readonly status: 'unregistered' } | ActivePerson | RetiredPerson;

// ---- rules

function requireReason(reason: string): void {
  if (reason.trim() === '') {
    throw new ValidationError('A reason is required', [{ path: 'reason', message: 'must not be blank' }]);
  }
}

function evidenceOf(data: LinkEvidence): LinkEvidence {
  // Absent optional fields are left out, not set to undefined: events are stored as JSON.
  return {
    method: data.method,
    ...(data.score === undefined ? {} : { score: data.score }),
    ...(data.explanation === undefined ? {} : { explanation: data.explanation }),
  };
}

function isLinked(state: ActivePerson, localRecordId: string): boolean {
  return state.linkedLocalRecords.some((record) => record.localRecordId === localRecordId);
}

function requireActive(state: PersonState, action: string): ActivePerson {
  switch (state.status) {
    case 'active':
      return state;
    case 'unregistered':
      throw new IllegalStateError(`Cannot ${action}: the person is not registered`);
    case 'retired':
      throw new IllegalStateError(`Cannot ${action}: the person is retired (merged into another person)`);
    default:
      return assertNever(state);
  }
}

function registerPerson(command: RegisterPerson, state: PersonState): PersonEvent[] {
  const { personId, localRecordId } = command.data;
  switch (state.status) {
    case 'unregistered':
      return [
        {
          type: 'PersonRegistered',
          data: {
            personId,
            localRecordId,
            ...evidenceOf(command.data),
            registeredAt: command.metadata.now.toISOString(),
          },
        },
      ];
    case 'active':
      if (isLinked(state, localRecordId)) return [];
      throw new IllegalStateError('The person is already registered');
    case 'retired':
      throw new IllegalStateError('The person is already registered and is retired');
    default:
      return assertNever(state);
  }
}

function linkLocalRecord(command: LinkLocalRecord, state: PersonState): PersonEvent[] {
  const person = requireActive(state, 'link a local record');
  const { personId, localRecordId } = command.data;
  if (isLinked(person, localRecordId)) return [];
  return [
    {
      type: 'LocalRecordLinked',
      data: {
        personId,
        localRecordId,
        ...evidenceOf(command.data),
        linkedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function unlinkLocalRecord(command: UnlinkLocalRecord, state: PersonState): PersonEvent[] {
  const { personId, localRecordId, reason } = command.data;
  requireReason(reason);
  const person = requireActive(state, 'unlink a local record');
  if (!isLinked(person, localRecordId)) {
    throw new IllegalStateError('The local record is not linked to this person');
  }
  return [
    {
      type: 'LocalRecordUnlinked',
      data: { personId, localRecordId, reason, unlinkedAt: command.metadata.now.toISOString() },
    },
  ];
}

function sameRecords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function mergePerson(command: MergePerson, state: PersonState): PersonEvent[] {
  const { personId, mergedPersonId, mergedLocalRecordIds, mergeId, reason } = command.data;
  requireReason(reason);
  if (mergedPersonId === personId) {
    throw new ValidationError('A person cannot be merged into itself', [
      { path: 'mergedPersonId', message: 'must differ from personId' },
    ]);
  }
  if (new Set(mergedLocalRecordIds).size !== mergedLocalRecordIds.length) {
    throw new ValidationError('A merge names each local record once', [
      { path: 'mergedLocalRecordIds', message: 'must not repeat a local record' },
    ]);
  }
  const person = requireActive(state, 'merge');

  const earlier = person.merges.find((merge) => merge.mergeId === mergeId);
  if (earlier !== undefined) {
    const repeated =
      !earlier.undone &&
      earlier.mergedPersonId === mergedPersonId &&
      sameRecords(earlier.localRecordIds, mergedLocalRecordIds);
    if (repeated) return [];
    throw new IllegalStateError('The merge id was already used for another or an undone merge');
  }
  if (mergedLocalRecordIds.some((localRecordId) => isLinked(person, localRecordId))) {
    throw new IllegalStateError('The merge brings a local record already linked to this person');
  }
  return [
    {
      type: 'PersonMerged',
      data: {
        personId,
        mergedPersonId,
        mergeId,
        localRecordIds: [...mergedLocalRecordIds],
        reason,
        mergedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function recordsHeldThrough(person: ActivePerson, mergeId: string): string[] {
  return person.linkedLocalRecords
    .filter((record) => record.method === 'merge' && record.mergeId === mergeId)
    .map((record) => record.localRecordId);
}

function undoMerge(command: UndoMerge, state: PersonState): PersonEvent[] {
  const { personId, mergeId, reason } = command.data;
  requireReason(reason);
  const person = requireActive(state, 'undo a merge');
  const merge = person.merges.find((applied) => applied.mergeId === mergeId);
  if (merge === undefined) throw new IllegalStateError('No such merge on this person');
  if (merge.undone) throw new IllegalStateError('The merge was already undone');
  return [
    {
      type: 'PersonMergeUndone',
      data: {
        personId,
        mergeId,
        mergedPersonId: merge.mergedPersonId,
        localRecordIds: recordsHeldThrough(person, mergeId),
        reason,
        undoneAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function retirePerson(command: RetirePerson, state: PersonState): PersonEvent[] {
  const { personId, mergedInto, mergeId } = command.data;
  if (mergedInto === personId) {
    throw new ValidationError('A person cannot be merged into itself', [
      { path: 'mergedInto', message: 'must differ from personId' },
    ]);
  }
  if (state.status === 'retired' && state.mergeId === mergeId && state.mergedInto === mergedInto) {
    return [];
  }
  const person = requireActive(state, 'retire');
  if (person.restoredFromMergeIds.includes(mergeId)) {
    throw new IllegalStateError('The merge was already undone');
  }
  return [
    {
      type: 'PersonRetired',
      data: {
        personId,
        mergedInto,
        mergeId,
        localRecordIds: person.linkedLocalRecords.map((record) => record.localRecordId),
        retiredAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function restorePerson(command: RestorePerson, state: PersonState): PersonEvent[] {
  const { personId, mergeId } = command.data;
  switch (state.status) {
    case 'unregistered':
      throw new IllegalStateError('Cannot restore: the person is not registered');
    case 'active':
      if (state.restoredFromMergeIds.includes(mergeId)) return [];
      throw new IllegalStateError('Cannot restore: the person is not retired');
    case 'retired':
      if (state.mergeId !== mergeId) {
        throw new IllegalStateError('Cannot restore: the person was retired by another merge');
      }
      return [
        {
          type: 'PersonRestored',
          data: {
            personId,
            mergeId,
            localRecordIds: state.linkedLocalRecords.map((record) => record.localRecordId),
            restoredAt: command.metadata.now.toISOString(),
          },
        },
      ];
    default:
      return assertNever(state);
  }
}

// ---- evolve

function evolveActive(state: PersonState, change: (person: ActivePerson) => ActivePerson): PersonState {
  // A recorded event is a fact: one that does not fit the state is ignored, never rejected.
  return state.status === 'active' ? change(state) : state;
}

function evolve(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'PersonRegistered': {
      const { personId, localRecordId, registeredAt, ...evidence } = event.data;
      return {
        status: 'active',
        personId,
        linkedLocalRecords: [{ localRecordId, linkedAt: registeredAt, ...evidence }],
        merges: [],
        restoredFromMergeIds: [],
      };
    }
    case 'LocalRecordLinked': {
      const { personId: _personId, ...linked } = event.data;
      return evolveActive(state, (person) => ({
        ...person,
        linkedLocalRecords: [...person.linkedLocalRecords, linked],
      }));
    }
    case 'LocalRecordUnlinked':
      return evolveActive(state, (person) => ({
        ...person,
        linkedLocalRecords: person.linkedLocalRecords.filter(
          (record) => record.localRecordId !== event.data.localRecordId,
        ),
      }));
    case 'PersonMerged': {
      const { mergeId, mergedPersonId, localRecordIds, reason, mergedAt } = event.data;
      return evolveActive(state, (person) => ({
        ...person,
        linkedLocalRecords: [
          ...person.linkedLocalRecords,
          ...localRecordIds.map(
            (localRecordId): MergedLocalRecord => ({
              localRecordId,
              linkedAt: mergedAt,
              method: 'merge',
              mergeId,
            }),
          ),
        ],
        merges: [
          ...person.merges,
          { mergeId, mergedPersonId, localRecordIds, reason, mergedAt, undone: false },
        ],
      }));
    }
    case 'PersonMergeUndone': {
      const { mergeId, localRecordIds } = event.data;
      return evolveActive(state, (person) => ({
        ...person,
        linkedLocalRecords: person.linkedLocalRecords.filter(
          (record) => !localRecordIds.includes(record.localRecordId),
        ),
        merges: person.merges.map((merge) =>
          merge.mergeId === mergeId ? { ...merge, undone: true } : merge,
        ),
      }));
    }
    case 'PersonRetired': {
      if (state.status !== 'active') return state;
      const { mergedInto, mergeId } = event.data;
      return { ...state, status: 'retired', mergedInto, mergeId };
    }
    case 'PersonRestored': {
      if (state.status !== 'retired') return state;
      const { mergedInto: _mergedInto, mergeId, ...kept } = state;
      return {
        ...kept,
        status: 'active',
        restoredFromMergeIds: [...state.restoredFromMergeIds, mergeId],
      };
    }
    default:
      return assertNever(event);
  }
}

// ---- decider

/**
 * The enterprise person (an entry of the master patient index), one stream per person
 * (`personStream`). Every change is an event carrying its reason or evidence; nothing is
 * overwritten. A merge keeps both people's histories (the survivor records `PersonMerged`, the
 * absorbed person `PersonRetired`), and an undo gives back exactly the records the merge brought.
 */
export const personDecider: Decider<PersonCommand, PersonEvent, PersonState> = {
  decide(command, state) {
    switch (command.type) {
      case 'RegisterPerson':
        return registerPerson(command, state);
      case 'LinkLocalRecord':
        return linkLocalRecord(command, state);
      case 'UnlinkLocalRecord':
        return unlinkLocalRecord(command, state);
      case 'MergePerson':
        return mergePerson(command, state);
      case 'UndoMerge':
        return undoMerge(command, state);
      case 'RetirePerson':
        return retirePerson(command, state);
      case 'RestorePerson':
        return restorePerson(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve,
  initialState: () => ({ status: 'unregistered' }),
};
