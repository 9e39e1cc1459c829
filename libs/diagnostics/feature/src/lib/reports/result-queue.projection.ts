import {
  isSameParticipant,
  type Participant,
  type ReportAcknowledged,
  type ReportEscalated,
  type ReportRecorded,
  type ResultFlag,
} from '@ilinks/diagnostics/domain';
import type { Projection, ProjectionEvent } from '@ilinks/platform/read-models';
import { deterministicUuid } from '@ilinks/shared/kernel';

const QUEUE_NAMESPACE = 'ilinks:diagnostics:result-queue';

const FLAG_RANK: Readonly<Record<ResultFlag, number>> = { critical: 0, abnormal: 1, normal: 2, unknown: 3 };

/**
 * One document per report and participant (a recipient or an escalation target): the line of that
 * participant's queue; and one per report and organisation, the line of the organisation's whole
 * queue, with the reasons of all its participants (a report routed to the practice and to one of
 * its teams is one line there, not two). What a line shows of the report is read from the report
 * when served.
 */
export type QueueDocument = {
  /** `participant`: a team's, practitioner's or organisation's own line; `organisation`: the organisation's summary line. */
  scope: QueueScope;
  reportId: string;
  revision: number;
  participantOrganisation: string;
  /** Null when the participant names none, so "no team" filters like any other value. */
  participantTeam: string | null;
  participantPractitioner: string | null;
  reasons: string[];
  escalationLevel: number | null;
  awaiting: boolean;
  /** Abnormal or critical: what `abnormalOnly` keeps. */
  abnormal: boolean;
  /** Sorts most urgent first: the flag's rank, then since when it waits here (issued, or escalated here). */
  urgency: string;
};

/** Which queue a line is of: a participant's, or the organisation's as a whole. */
export type QueueScope = 'participant' | 'organisation';

type Event =
  | ProjectionEvent<'ReportRecorded', ReportRecorded['data']>
  | ProjectionEvent<'ReportAcknowledged', ReportAcknowledged['data']>
  | ProjectionEvent<'ReportEscalated', ReportEscalated['data']>;

/** The id of a participant's line for a report. */
export function queueDocumentId(reportId: string, participant: Participant): string {
  const key = JSON.stringify([
    participant.organisation,
    participant.team ?? null,
    participant.practitioner ?? null,
  ]);
  return deterministicUuid(QUEUE_NAMESPACE, `${reportId}|${key}`);
}

/** The id of the organisation's line for a report. */
export function organisationLineId(reportId: string, organisation: string): string {
  return deterministicUuid(QUEUE_NAMESPACE, `${reportId}|organisation|${organisation}`);
}

const uniqueOrganisations = (participants: readonly Participant[]): string[] => [
  ...new Set(participants.map((participant) => participant.organisation)),
];

/** The queue's sort key: flag rank first, then the time (ISO instants sort as text). */
export function urgencyOf(flag: string, since: string): string {
  return `${FLAG_RANK[flag as ResultFlag] ?? FLAG_RANK.unknown}|${since}`;
}

function participantFields(participant: Participant) {
  return {
    participantOrganisation: participant.organisation,
    participantTeam: participant.team ?? null,
    participantPractitioner: participant.practitioner ?? null,
  };
}

function isAbnormal(flag: string): boolean {
  return flag === 'abnormal' || flag === 'critical';
}

function recordedLine(data: ReportRecorded['data'], id: string): QueueDocument | null {
  const recipient = data.recipients.find(
    (candidate) => queueDocumentId(data.reportId, candidate.participant) === id,
  );
  // A participant of the superseded revision the new one no longer goes to: off their queue.
  if (recipient === undefined) return null;
  return {
    scope: 'participant',
    reportId: data.reportId,
    revision: data.revision,
    ...participantFields(recipient.participant),
    reasons: [...recipient.reasons],
    escalationLevel: null,
    awaiting: data.acknowledgementStatus === 'awaiting',
    abnormal: isAbnormal(data.flag),
    urgency: urgencyOf(data.flag, data.report.issuedAt),
  };
}

/** The organisation's line: every reason its participants have, or null when none is a recipient. */
function recordedOrganisationLine(data: ReportRecorded['data'], organisation: string): QueueDocument | null {
  const reasons = data.recipients
    .filter((recipient) => recipient.participant.organisation === organisation)
    .flatMap((recipient) => recipient.reasons);
  if (reasons.length === 0) return null;
  return {
    scope: 'organisation',
    reportId: data.reportId,
    revision: data.revision,
    ...participantFields({ organisation }),
    reasons: [...new Set(reasons)],
    escalationLevel: null,
    awaiting: data.acknowledgementStatus === 'awaiting',
    abnormal: isAbnormal(data.flag),
    urgency: urgencyOf(data.flag, data.report.issuedAt),
  };
}

function escalatedLine(
  doc: QueueDocument | undefined,
  data: ReportEscalated['data'],
  scope: QueueScope,
): QueueDocument {
  if (doc !== undefined && doc.revision === data.revision) {
    return { ...doc, escalationLevel: data.level, awaiting: true };
  }
  return {
    scope,
    reportId: data.reportId,
    revision: data.revision,
    ...participantFields(scope === 'organisation' ? { organisation: data.to.organisation } : data.to),
    reasons: [],
    escalationLevel: data.level,
    awaiting: true,
    abnormal: isAbnormal(data.flag),
    urgency: urgencyOf(data.flag, data.escalatedAt),
  };
}

/** The organisation whose summary line `id` is, for a recorded revision; undefined for a participant's line. */
function organisationOfLine(data: ReportRecorded['data'], id: string): string | undefined {
  const participants = [
    ...data.recipients.map((recipient) => recipient.participant),
    ...(data.superseded?.participants ?? []),
  ];
  return uniqueOrganisations(participants).find(
    (organisation) => organisationLineId(data.reportId, organisation) === id,
  );
}

function documentIds(event: Event): string[] {
  const { reportId } = event.data;
  switch (event.type) {
    case 'ReportRecorded': {
      const participants = [
        ...event.data.recipients.map((recipient) => recipient.participant),
        ...(event.data.superseded?.participants ?? []),
      ];
      return [
        ...participants
          .filter(
            (participant, index) =>
              participants.findIndex((other) => isSameParticipant(other, participant)) === index,
          )
          .map((participant) => queueDocumentId(reportId, participant)),
        ...uniqueOrganisations(participants).map((organisation) =>
          organisationLineId(reportId, organisation),
        ),
      ];
    }
    case 'ReportAcknowledged':
      return [
        ...event.data.participants.map((participant) => queueDocumentId(reportId, participant)),
        ...uniqueOrganisations(event.data.participants).map((organisation) =>
          organisationLineId(reportId, organisation),
        ),
      ];
    case 'ReportEscalated':
      return [
        queueDocumentId(reportId, event.data.to),
        organisationLineId(reportId, event.data.to.organisation),
      ];
  }
}

const queueIndex = (...fields: string[]) => ({
  fields: ['participantOrganisation', 'scope', ...fields, 'awaiting', 'urgency'],
});

/**
 * `result_queue_v1`: the unacknowledged-results queues of organisations, teams and practitioners,
 * most urgent first. A line leaves the queue (awaiting false) when its revision is acknowledged, and
 * is dropped when a new revision no longer goes to its participant.
 */
export const resultQueueProjection: Projection<QueueDocument, Event> = {
  collection: {
    name: 'result_queue_v1',
    indexes: [
      queueIndex(),
      queueIndex('participantTeam'),
      queueIndex('participantPractitioner'),
      queueIndex('abnormal'),
      queueIndex('participantTeam', 'abnormal'),
      queueIndex('participantPractitioner', 'abnormal'),
    ],
  },
  handles: ['ReportRecorded', 'ReportAcknowledged', 'ReportEscalated'],
  documentId: documentIds,
  evolve(doc, event, id) {
    switch (event.type) {
      case 'ReportRecorded': {
        const organisation = organisationOfLine(event.data, id);
        return organisation === undefined
          ? recordedLine(event.data, id)
          : recordedOrganisationLine(event.data, organisation);
      }
      case 'ReportAcknowledged':
        if (doc === undefined) return null;
        return doc.revision === event.data.revision ? { ...doc, awaiting: false } : doc;
      case 'ReportEscalated':
        return escalatedLine(
          doc,
          event.data,
          id === organisationLineId(event.data.reportId, event.data.to.organisation)
            ? 'organisation'
            : 'participant',
        );
    }
  },
};
