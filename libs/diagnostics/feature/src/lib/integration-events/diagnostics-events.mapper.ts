import {
  DIAGNOSTICS_EVENT_SOURCE,
  type ResultAcknowledgedV1,
  ResultAcknowledgedV1Event,
  type ResultEscalatedV1,
  ResultEscalatedV1Event,
  type ResultReleasedV1,
  ResultReleasedV1Event,
  type ResultReportedV1,
  ResultReportedV1Event,
} from '@ilinks/diagnostics/contracts';
import type {
  Participant,
  ReportAcknowledged,
  ReportEscalated,
  ReportRecorded,
  ReportReleased,
} from '@ilinks/diagnostics/domain';
import type { RecordedEvent } from '@ilinks/platform/event-store';
import {
  type BusMessage,
  defineIntegrationEvent,
  type IntegrationEventSchema,
  toValidatedBusMessage,
} from '@ilinks/platform/messaging';

export const resultReportedV1 = defineIntegrationEvent(ResultReportedV1Event);
export const resultAcknowledgedV1 = defineIntegrationEvent(ResultAcknowledgedV1Event);
export const resultEscalatedV1 = defineIntegrationEvent(ResultEscalatedV1Event);
export const resultReleasedV1 = defineIntegrationEvent(ResultReleasedV1Event);

/** A participant as the event carries it (no empty optional fields). */
function participantOf(participant: Participant): Participant {
  return {
    organisation: participant.organisation,
    ...(participant.team === undefined ? {} : { team: participant.team }),
    ...(participant.practitioner === undefined ? {} : { practitioner: participant.practitioner }),
  };
}

function reported(data: ReportRecorded['data']): ResultReportedV1 {
  return {
    reportId: data.reportId,
    revision: data.revision,
    change: data.change,
    personId: data.report.subject.personId,
    ...(data.report.subject.localRecordId === undefined
      ? {}
      : { localRecordId: data.report.subject.localRecordId }),
    ...(data.requestId === undefined ? {} : { requestId: data.requestId }),
    organisation: data.organisation,
    status: data.report.status,
    flag: data.flag,
    recipients: data.recipients.map((recipient) => participantOf(recipient.participant)),
    recordedAt: data.recordedAt,
  };
}

function acknowledged(data: ReportAcknowledged['data']): ResultAcknowledgedV1 {
  return {
    reportId: data.reportId,
    revision: data.revision,
    organisation: data.by.organisation,
    acknowledgedBy: data.by.subject,
    acknowledgedAt: data.acknowledgedAt,
  };
}

function escalated(data: ReportEscalated['data']): ResultEscalatedV1 {
  return {
    reportId: data.reportId,
    revision: data.revision,
    level: data.level,
    to: participantOf(data.to),
    flag: data.flag,
    dueAt: data.dueAt,
    escalatedAt: data.escalatedAt,
  };
}

function released(data: ReportReleased['data']): ResultReleasedV1 {
  return {
    reportId: data.reportId,
    revision: data.revision,
    organisation: data.by.organisation,
    releasedAt: data.releasedAt,
  };
}

function messageOf<T extends object>(
  definition: IntegrationEventSchema<T>,
  event: RecordedEvent,
  reportId: string,
  data: T,
): BusMessage[] {
  return [
    toValidatedBusMessage(
      definition,
      reportId,
      {
        id: event.id,
        source: DIAGNOSTICS_EVENT_SOURCE,
        subject: reportId,
        sequence: event.revision.toString(),
        time: event.recordedAt.toISOString(),
        data,
      },
      event.metadata.traceparent,
    ),
  ];
}

/**
 * What the diagnostics service tells the others, keyed and ordered by the report: ids, status,
 * flags and who it went to, never values or conclusions. Requests are not published.
 */
export function diagnosticsEventsMapper(event: RecordedEvent): BusMessage[] {
  switch (event.type) {
    case 'ReportRecorded': {
      const data = event.data as ReportRecorded['data'];
      return messageOf(resultReportedV1, event, data.reportId, reported(data));
    }
    case 'ReportAcknowledged': {
      const data = event.data as ReportAcknowledged['data'];
      return messageOf(resultAcknowledgedV1, event, data.reportId, acknowledged(data));
    }
    case 'ReportEscalated': {
      const data = event.data as ReportEscalated['data'];
      return messageOf(resultEscalatedV1, event, data.reportId, escalated(data));
    }
    case 'ReportReleased': {
      const data = event.data as ReportReleased['data'];
      return messageOf(resultReleasedV1, event, data.reportId, released(data));
    }
    default:
      return [];
  }
}
