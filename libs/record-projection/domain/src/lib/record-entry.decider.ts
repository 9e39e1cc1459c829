import {
  type Command,
  type Decider,
  type DomainEvent,
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
  assertNever,
} from '@ilinks/shared/kernel';
import { contentHashOf } from './content-hash';
import type { EntryContent, RecordedBy } from './record-entry.types';

/** Records a version of a partner's entry: the first one, or a revision when the content changed. */
export type RecordEntry = Command<
  'RecordEntry',
  EntryContent & {
    readonly entryId: string;
    readonly organisation: string;
    readonly recordedBy: RecordedBy;
    readonly resourceType: string;
    readonly partnerId: string;
    /** When the sender recorded it; the command's time when absent. */
    readonly recordedAt?: string;
    /** The local record the subject identifier belongs to, as the service knows it now. */
    readonly localRecordId?: string;
  }
>;

/** Marks an entry entered-in-error: it was never true, and is hidden from ordinary reads. */
export type EnterEntryInError = Command<
  'EnterEntryInError',
  {
    readonly entryId: string;
    readonly organisation: string;
    readonly recordedBy: RecordedBy;
    readonly localRecordId?: string;
  }
>;

export type RecordEntryCommand = RecordEntry | EnterEntryInError;

/** A version of an entry as recorded (the whole content, so a view can be rebuilt from it alone). */
export type EntryVersion = EntryContent & {
  readonly entryId: string;
  readonly revision: number;
  readonly organisation: string;
  readonly recordedBy: RecordedBy;
  readonly resourceType: string;
  readonly partnerId: string;
  readonly recordedAt: string;
  /** When this version was stored. */
  readonly changedAt: string;
  readonly localRecordId?: string;
};

export type RecordEntryRecorded = DomainEvent<'RecordEntryRecorded', EntryVersion>;
export type RecordEntryRevised = DomainEvent<'RecordEntryRevised', EntryVersion>;
export type RecordEntryEnteredInError = DomainEvent<
  'RecordEntryEnteredInError',
  {
    readonly entryId: string;
    readonly revision: number;
    readonly organisation: string;
    readonly recordedBy: RecordedBy;
    /** Repeated from the entry, so a reader of this event alone knows what was retracted. */
    readonly resourceType: string;
    readonly part: string;
    readonly effectiveAt?: string;
    readonly patientContributed: boolean;
    readonly changedAt: string;
    readonly localRecordId?: string;
  }
>;

export type RecordEntryEvent = RecordEntryRecorded | RecordEntryRevised | RecordEntryEnteredInError;

export type RecordEntryState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'current' | 'entered-in-error';
      readonly organisation: string;
      readonly subjectKey: string;
      readonly revision: number;
      readonly contentHash: string;
      readonly resourceType: string;
      readonly part: string;
      readonly effectiveAt?: string;
      readonly patientContributed: boolean;
    };

/** A revision may not move an entry to another patient: send a new entry (and retract this one). */
export class SubjectChangedError extends ValidationError {
  constructor() {
    super('the subject of an entry cannot change between revisions', [
      { path: 'subject', message: 'subject must stay the same as in the first version of the entry' },
    ]);
  }
}

const subjectKeyOf = (content: Pick<EntryContent, 'subject'>): string =>
  `${content.subject.system}|${content.subject.value}`;

/**
 * What makes two versions the same: the resource and everything indexed from it. Who sent it and
 * when are left out, so a plain resend is recognised; absent flags count as false.
 */
export function entryContentHash(content: EntryContent): string {
  return contentHashOf({
    subject: content.subject,
    part: content.part,
    effectiveAt: content.effectiveAt,
    codes: content.codes,
    unknownCodeSystems: content.unknownCodeSystems,
    notForPatientView: content.notForPatientView ?? false,
    patientContributed: content.patientContributed ?? false,
    resource: content.resource,
  });
}

function versionOf(command: RecordEntry, revision: number, recordedAt: string): EntryVersion {
  const { data } = command;
  return {
    entryId: data.entryId,
    revision,
    organisation: data.organisation,
    recordedBy: { subject: data.recordedBy.subject, role: data.recordedBy.role },
    resourceType: data.resourceType,
    partnerId: data.partnerId,
    subject: { system: data.subject.system, value: data.subject.value },
    part: data.part,
    ...(data.effectiveAt === undefined ? {} : { effectiveAt: data.effectiveAt }),
    codes: data.codes,
    unknownCodeSystems: data.unknownCodeSystems,
    ...(data.notForPatientView === undefined ? {} : { notForPatientView: data.notForPatientView }),
    ...(data.patientContributed === undefined ? {} : { patientContributed: data.patientContributed }),
    resource: data.resource,
    recordedAt,
    changedAt: command.metadata.now.toISOString(),
    ...(data.localRecordId === undefined ? {} : { localRecordId: data.localRecordId }),
  };
}

function assertRecordingOrganisation(state: { organisation: string }, organisation: string): void {
  if (state.organisation !== organisation) {
    throw new ForbiddenError('only the organisation that recorded an entry may change it');
  }
}

function decideRecord(command: RecordEntry, state: RecordEntryState): RecordEntryEvent[] {
  const now = command.metadata.now.toISOString();
  if (state.status === 'empty') {
    return [{ type: 'RecordEntryRecorded', data: versionOf(command, 1, command.data.recordedAt ?? now) }];
  }
  assertRecordingOrganisation(state, command.data.organisation);
  if (state.status === 'entered-in-error') {
    throw new IllegalStateError('the entry was marked entered-in-error and cannot be revised');
  }
  if (subjectKeyOf(command.data) !== state.subjectKey) throw new SubjectChangedError();
  if (entryContentHash(command.data) === state.contentHash) return [];
  return [
    {
      type: 'RecordEntryRevised',
      data: versionOf(command, state.revision + 1, command.data.recordedAt ?? now),
    },
  ];
}

function decideEnterInError(command: EnterEntryInError, state: RecordEntryState): RecordEntryEvent[] {
  if (state.status === 'empty') throw new NotFoundError('no such entry');
  assertRecordingOrganisation(state, command.data.organisation);
  if (state.status === 'entered-in-error') return [];
  const { entryId, organisation, recordedBy, localRecordId } = command.data;
  return [
    {
      type: 'RecordEntryEnteredInError',
      data: {
        entryId,
        revision: state.revision + 1,
        organisation,
        recordedBy: { subject: recordedBy.subject, role: recordedBy.role },
        resourceType: state.resourceType,
        part: state.part,
        ...(state.effectiveAt === undefined ? {} : { effectiveAt: state.effectiveAt }),
        patientContributed: state.patientContributed,
        changedAt: command.metadata.now.toISOString(),
        ...(localRecordId === undefined ? {} : { localRecordId }),
      },
    },
  ];
}

/**
 * One partner entry (stream `record.entry-<entryId>`): recorded once, revised when its content
 * really changes, retracted (entered-in-error) for good — always by the organisation that recorded it.
 */
export const recordEntryDecider: Decider<RecordEntryCommand, RecordEntryEvent, RecordEntryState> = {
  initialState: () => ({ status: 'empty' }),
  decide(command, state) {
    switch (command.type) {
      case 'RecordEntry':
        return decideRecord(command, state);
      case 'EnterEntryInError':
        return decideEnterInError(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'RecordEntryRecorded':
      case 'RecordEntryRevised':
        return {
          status: 'current',
          organisation: event.data.organisation,
          subjectKey: subjectKeyOf(event.data),
          revision: event.data.revision,
          contentHash: entryContentHash(event.data),
          resourceType: event.data.resourceType,
          part: event.data.part,
          ...(event.data.effectiveAt === undefined ? {} : { effectiveAt: event.data.effectiveAt }),
          patientContributed: event.data.patientContributed ?? false,
        };
      case 'RecordEntryEnteredInError':
        return state.status === 'empty'
          ? state
          : { ...state, status: 'entered-in-error', revision: event.data.revision };
      default:
        // An event type a newer version wrote: it changes nothing this version knows about.
        return state;
    }
  },
};
