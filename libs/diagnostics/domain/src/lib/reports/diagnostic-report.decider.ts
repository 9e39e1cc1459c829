import {
  type Command,
  ConflictError,
  type Decider,
  type DomainEvent,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  assertNever,
} from '@ilinks/shared/kernel';
import type { DiagnosticsActor } from '../requests/test-request.decider';
import type { NextEscalation } from '../routing/escalation-policy';
import { isSameParticipant } from '../routing/report-recipients';
import type { Participant, ReportRecipient, ResultFlag } from '../results/result.types';
import { type AcknowledgementStatus, type ReportContent, isWithdrawn } from './diagnostic-report.types';

/** Longest acknowledgement note, once trimmed. */
export const MAX_ACKNOWLEDGEMENT_NOTE = 2000;

/**
 * Records a lab's report, or a new revision of it when its content changed. The caller has matched
 * it to its request, routed it and read its results with the pure rules (`recipientsOf`,
 * `flagOfResult`, `worstFlag`): the decider keeps what they said.
 */
export type RecordReport = Command<
  'RecordReport',
  {
    /** From {@link reportIdFor}(lab, partnerReportId). */
    readonly reportId: string;
    /** ODS code of the lab (from the token). */
    readonly organisation: string;
    readonly recordedBy: DiagnosticsActor;
    /** {@link contentHashOf} what was sent: equal for an unchanged resend. */
    readonly contentHash: string;
    readonly report: ReportContent;
    /** The request its `basedOn` matched, if any, and who asked for it. */
    readonly requestId?: string;
    readonly requester?: Participant;
    readonly recipients: readonly ReportRecipient[];
    /** The worst flag of its results. */
    readonly flag: ResultFlag;
    /**
     * The first escalation of the new revision under the policy in force (`nextEscalation`, with
     * the revision recorded now): kept with the revision so the sweep finds it by its due time.
     * Ignored when the revision needs no escalation.
     */
    readonly nextEscalation?: NextEscalation;
  }
>;

/** A clinician of a recipient (or escalation target) organisation acknowledges the current revision. */
export type AcknowledgeReport = Command<
  'AcknowledgeReport',
  {
    readonly reportId: string;
    /** The revision the clinician saw: it must still be the current one. */
    readonly revision: number;
    readonly by: DiagnosticsActor;
    readonly note?: string;
  }
>;

/** The sweep escalates an unacknowledged abnormal revision to the next level (from `nextEscalation`). */
export type EscalateReport = Command<
  'EscalateReport',
  {
    readonly reportId: string;
    readonly revision: number;
    readonly level: number;
    readonly to: Participant;
    /** When this level fell due: the command is refused (no event) before then. */
    readonly dueAt: string;
    /** The escalation after this one (`nextEscalation` with this one recorded), if any. */
    readonly nextEscalation?: NextEscalation;
  }
>;

/** A clinician of a recipient (or escalation target) organisation releases the report to the individual now. */
export type ReleaseReport = Command<
  'ReleaseReport',
  {
    readonly reportId: string;
    readonly by: DiagnosticsActor;
  }
>;

export type DiagnosticReportCommand = RecordReport | AcknowledgeReport | EscalateReport | ReleaseReport;

/** How a revision changed the report, for the integration event. */
export type ReportChange = 'reported' | 'amended' | 'cancelled';

export type ReportRecorded = DomainEvent<
  'ReportRecorded',
  {
    readonly reportId: string;
    readonly revision: number;
    readonly change: ReportChange;
    readonly organisation: string;
    readonly recordedBy: DiagnosticsActor;
    readonly contentHash: string;
    readonly requestId?: string;
    readonly requester?: Participant;
    readonly recipients: readonly ReportRecipient[];
    readonly flag: ResultFlag;
    /** `awaiting` for every revision but a withdrawn one (`not-required`): a new revision re-opens it. */
    readonly acknowledgementStatus: AcknowledgementStatus;
    /** When and to whom the revision escalates unless acknowledged first. */
    readonly nextEscalation?: NextEscalation;
    /** What the revision this one supersedes had: whose queues it leaves, how many results it replaces. */
    readonly superseded?: SupersededRevision;
    readonly report: ReportContent;
    readonly recordedAt: string;
  }
>;

/** The revision a new one supersedes, as far as the views need it. */
export interface SupersededRevision {
  readonly revision: number;
  /** Its recipients and escalation targets. */
  readonly participants: readonly Participant[];
  readonly resultCount: number;
}

export type ReportAcknowledged = DomainEvent<
  'ReportAcknowledged',
  {
    readonly reportId: string;
    readonly revision: number;
    /** The revision's recipients and escalation targets: the queues it leaves. */
    readonly participants: readonly Participant[];
    readonly by: DiagnosticsActor;
    readonly note?: string;
    readonly acknowledgedAt: string;
  }
>;

export type ReportEscalated = DomainEvent<
  'ReportEscalated',
  {
    readonly reportId: string;
    readonly revision: number;
    readonly level: number;
    readonly to: Participant;
    readonly flag: ResultFlag;
    readonly dueAt: string;
    readonly escalatedAt: string;
    readonly nextEscalation?: NextEscalation;
  }
>;

export type ReportReleased = DomainEvent<
  'ReportReleased',
  {
    readonly reportId: string;
    readonly revision: number;
    readonly by: DiagnosticsActor;
    readonly releasedAt: string;
  }
>;

export type DiagnosticReportEvent = ReportRecorded | ReportAcknowledged | ReportEscalated | ReportReleased;

export type DiagnosticReportState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'recorded';
      readonly organisation: string;
      readonly revision: number;
      readonly contentHash: string;
      readonly flag: ResultFlag;
      readonly acknowledgementStatus: AcknowledgementStatus;
      /** Recipients and escalation targets of this revision: their organisations' clinicians may acknowledge or release. */
      readonly participants: readonly Participant[];
      readonly resultCount: number;
      /** Escalation levels reached for this revision. */
      readonly escalationLevel: number;
      readonly released: boolean;
    };

type Recorded = Extract<DiagnosticReportState, { status: 'recorded' }>;

const ESCALATING_FLAGS: readonly ResultFlag[] = ['abnormal', 'critical'];

function changeOf(revision: number, status: string): ReportChange {
  if (isWithdrawn(status)) return 'cancelled';
  return revision === 1 ? 'reported' : 'amended';
}

function decideRecord(command: RecordReport, state: DiagnosticReportState): DiagnosticReportEvent[] {
  const { data } = command;
  if (state.status === 'recorded') {
    if (state.organisation !== data.organisation) {
      throw new ForbiddenError('only the lab that sent a report may revise it');
    }
    if (state.contentHash === data.contentHash) return [];
  }
  const revision = state.status === 'recorded' ? state.revision + 1 : 1;
  const acknowledgementStatus = isWithdrawn(data.report.status) ? 'not-required' : 'awaiting';
  const escalates = acknowledgementStatus === 'awaiting' && ESCALATING_FLAGS.includes(data.flag);
  const { subject, role, organisation } = data.recordedBy;
  return [
    {
      type: 'ReportRecorded',
      data: {
        reportId: data.reportId,
        revision,
        change: changeOf(revision, data.report.status),
        organisation: data.organisation,
        recordedBy: { subject, role, organisation },
        contentHash: data.contentHash,
        ...(data.requestId === undefined ? {} : { requestId: data.requestId }),
        ...(data.requester === undefined ? {} : { requester: data.requester }),
        recipients: data.recipients,
        flag: data.flag,
        acknowledgementStatus,
        ...(escalates && data.nextEscalation !== undefined ? { nextEscalation: data.nextEscalation } : {}),
        ...(state.status === 'recorded'
          ? {
              superseded: {
                revision: state.revision,
                participants: state.participants,
                resultCount: state.resultCount,
              },
            }
          : {}),
        report: data.report,
        recordedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function recordedOrThrow(state: DiagnosticReportState): Recorded {
  if (state.status === 'empty') throw new NotFoundError('no such report');
  return state;
}

function assertResponsible(state: Recorded, by: DiagnosticsActor, action: string): void {
  if (!state.participants.some((participant) => participant.organisation === by.organisation)) {
    throw new ForbiddenError(`only a recipient or escalation organisation of the report may ${action} it`);
  }
}

function checkedNote(note: string | undefined): string | undefined {
  const trimmed = note?.trim();
  if (trimmed === undefined || trimmed.length === 0) return undefined;
  if (trimmed.length > MAX_ACKNOWLEDGEMENT_NOTE) {
    throw new ValidationError('the acknowledgement is not valid', [
      { path: 'note', message: `note must be at most ${MAX_ACKNOWLEDGEMENT_NOTE} characters` },
    ]);
  }
  return trimmed;
}

function decideAcknowledge(
  command: AcknowledgeReport,
  current: DiagnosticReportState,
): DiagnosticReportEvent[] {
  const state = recordedOrThrow(current);
  const { data } = command;
  assertResponsible(state, data.by, 'acknowledge');
  if (data.revision !== state.revision) {
    throw new ConflictError('the report has a newer revision: acknowledge that one');
  }
  // Already acknowledged, or a withdrawn report that needs none: nothing to record.
  if (state.acknowledgementStatus !== 'awaiting') return [];
  const note = checkedNote(data.note);
  const { subject, role, organisation } = data.by;
  return [
    {
      type: 'ReportAcknowledged',
      data: {
        reportId: data.reportId,
        revision: state.revision,
        participants: state.participants,
        by: { subject, role, organisation },
        ...(note === undefined ? {} : { note }),
        acknowledgedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function isEscalationDue(command: EscalateReport, state: DiagnosticReportState): state is Recorded {
  const { data } = command;
  return (
    state.status === 'recorded' &&
    state.acknowledgementStatus === 'awaiting' &&
    ESCALATING_FLAGS.includes(state.flag) &&
    data.revision === state.revision &&
    data.level === state.escalationLevel + 1 &&
    command.metadata.now.getTime() >= Date.parse(data.dueAt)
  );
}

// The sweep acts on a view that may lag the stream: anything no longer due is refused quietly.
function decideEscalate(command: EscalateReport, state: DiagnosticReportState): DiagnosticReportEvent[] {
  if (!isEscalationDue(command, state)) return [];
  const { data } = command;
  return [
    {
      type: 'ReportEscalated',
      data: {
        reportId: data.reportId,
        revision: data.revision,
        level: data.level,
        to: data.to,
        flag: state.flag,
        dueAt: data.dueAt,
        escalatedAt: command.metadata.now.toISOString(),
        ...(data.nextEscalation === undefined ? {} : { nextEscalation: data.nextEscalation }),
      },
    },
  ];
}

function decideRelease(command: ReleaseReport, current: DiagnosticReportState): DiagnosticReportEvent[] {
  const state = recordedOrThrow(current);
  const { data } = command;
  assertResponsible(state, data.by, 'release');
  if (state.released) return [];
  const { subject, role, organisation } = data.by;
  return [
    {
      type: 'ReportReleased',
      data: {
        reportId: data.reportId,
        revision: state.revision,
        by: { subject, role, organisation },
        releasedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function evolveRecorded(state: DiagnosticReportState, event: ReportRecorded): DiagnosticReportState {
  const { data } = event;
  return {
    status: 'recorded',
    organisation: data.organisation,
    revision: data.revision,
    contentHash: data.contentHash,
    flag: data.flag,
    acknowledgementStatus: data.acknowledgementStatus,
    participants: data.recipients.map((recipient) => recipient.participant),
    resultCount: data.report.results.length,
    escalationLevel: 0,
    released: state.status === 'recorded' && state.released,
  };
}

function evolveEscalated(state: Recorded, event: ReportEscalated): Recorded {
  const { to } = event.data;
  const known = state.participants.some((participant) => isSameParticipant(participant, to));
  return {
    ...state,
    escalationLevel: event.data.level,
    participants: known ? state.participants : [...state.participants, to],
  };
}

/**
 * One lab report (stream `diagnostics.report-<reportId>`): its revisions, the acknowledgement each
 * needs, the escalations of an unacknowledged abnormal revision, and its release to the individual.
 */
export const diagnosticReportDecider: Decider<
  DiagnosticReportCommand,
  DiagnosticReportEvent,
  DiagnosticReportState
> = {
  initialState: () => ({ status: 'empty' }),
  decide(command, state) {
    switch (command.type) {
      case 'RecordReport':
        return decideRecord(command, state);
      case 'AcknowledgeReport':
        return decideAcknowledge(command, state);
      case 'EscalateReport':
        return decideEscalate(command, state);
      case 'ReleaseReport':
        return decideRelease(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ReportRecorded':
        return evolveRecorded(state, event);
      case 'ReportAcknowledged':
        return state.status === 'recorded' && state.revision === event.data.revision
          ? { ...state, acknowledgementStatus: 'acknowledged' }
          : state;
      case 'ReportEscalated':
        return state.status === 'recorded' && state.revision === event.data.revision
          ? evolveEscalated(state, event)
          : state;
      case 'ReportReleased':
        return state.status === 'recorded' ? { ...state, released: true } : state;
      default:
        // An event type a newer version wrote: it changes nothing this version knows about.
        return state;
    }
  },
};
