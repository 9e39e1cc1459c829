import type { DiagnosticReportV1 } from '@ilinks/diagnostics/contracts';
import {
  type DiagnosticsActor,
  releaseOf,
  type ReportAcknowledged,
  type ReportEscalated,
  type ReportRecorded,
  type ReportReleased,
} from '@ilinks/diagnostics/domain';
import type { Json, Projection, ProjectionEvent } from '@ilinks/platform/read-models';
import { asJson, fromJson, type JsonObject } from '../json';

/** An escalation in the trail, with the revision it was of. */
export type TrailEscalation = {
  revision: number;
  level: number;
  to: JsonObject;
  dueAt: string;
  escalatedAt: string;
};

/**
 * One document per report: the report as the API serves it (but for its release, which depends on
 * the clock when read), what escalation needs, and the sweep's lookup keys.
 */
export type ReportDocument = {
  reportId: string;
  revision: number;
  organisation: string;
  partnerReportId: string;
  subject: { personId: string; localRecordId?: string };
  requestId: string | null;
  requester: JsonObject | null;
  registeredPractice: string | null;
  status: string;
  category?: string;
  code: Json[];
  effectiveAt?: string;
  issuedAt: string;
  conclusion?: string;
  results: Json[];
  flag: string;
  recipients: Json[];
  acknowledgementStatus: string;
  acknowledgements: Json[];
  escalationTrail: TrailEscalation[];
  history: Json[];
  releasedAt?: string;
  releasedBy?: JsonObject;
  recordedAt: string;
  resource: JsonObject;
  /** The escalation due next ({level, to, dueAt}) while one is. */
  nextEscalation: JsonObject | null;
  /** True while awaiting acknowledgement of an abnormal result with an escalation still to come. */
  escalating: boolean;
  escalationDueAt: string | null;
};

type Event =
  | ProjectionEvent<'ReportRecorded', ReportRecorded['data']>
  | ProjectionEvent<'ReportAcknowledged', ReportAcknowledged['data']>
  | ProjectionEvent<'ReportEscalated', ReportEscalated['data']>
  | ProjectionEvent<'ReportReleased', ReportReleased['data']>;

type NextEscalation = ReportRecorded['data']['nextEscalation'];

function escalationFields(
  next: NextEscalation,
): Pick<ReportDocument, 'nextEscalation' | 'escalating' | 'escalationDueAt'> {
  return next === undefined
    ? { nextEscalation: null, escalating: false, escalationDueAt: null }
    : { nextEscalation: asJson(next), escalating: true, escalationDueAt: next.dueAt };
}

function recordedDocument(doc: ReportDocument | undefined, data: ReportRecorded['data']): ReportDocument {
  const { report } = data;
  const history =
    doc === undefined
      ? []
      : [...doc.history, { revision: doc.revision, status: doc.status, recordedAt: doc.recordedAt }];
  return {
    reportId: data.reportId,
    revision: data.revision,
    organisation: data.organisation,
    partnerReportId: report.partnerReportId,
    subject: asJson(report.subject) as ReportDocument['subject'],
    requestId: data.requestId ?? null,
    requester: data.requester === undefined ? null : asJson(data.requester),
    registeredPractice: report.registeredPractice ?? null,
    status: report.status,
    ...(report.category === undefined ? {} : { category: report.category }),
    code: asJson(report.code),
    ...(report.effectiveAt === undefined ? {} : { effectiveAt: report.effectiveAt }),
    issuedAt: report.issuedAt,
    ...(report.conclusion === undefined ? {} : { conclusion: report.conclusion }),
    results: asJson(report.results),
    flag: data.flag,
    recipients: asJson(data.recipients),
    acknowledgementStatus: data.acknowledgementStatus,
    acknowledgements: doc?.acknowledgements ?? [],
    escalationTrail: doc?.escalationTrail ?? [],
    history,
    ...(doc?.releasedAt === undefined ? {} : { releasedAt: doc.releasedAt }),
    ...(doc?.releasedBy === undefined ? {} : { releasedBy: doc.releasedBy }),
    recordedAt: data.recordedAt,
    resource: asJson(report.resource),
    ...escalationFields(data.nextEscalation),
  };
}

function acknowledgedDocument(doc: ReportDocument, data: ReportAcknowledged['data']): ReportDocument {
  const acknowledgement = {
    by: asJson(data.by),
    acknowledgedAt: data.acknowledgedAt,
    revision: data.revision,
    ...(data.note === undefined ? {} : { note: data.note }),
  };
  const current = data.revision === doc.revision;
  return {
    ...doc,
    acknowledgements: [...doc.acknowledgements, acknowledgement],
    ...(current ? { acknowledgementStatus: 'acknowledged', ...escalationFields(undefined) } : {}),
  };
}

function escalatedDocument(doc: ReportDocument, data: ReportEscalated['data']): ReportDocument {
  const escalation: TrailEscalation = {
    revision: data.revision,
    level: data.level,
    to: asJson(data.to),
    dueAt: data.dueAt,
    escalatedAt: data.escalatedAt,
  };
  return {
    ...doc,
    escalationTrail: [...doc.escalationTrail, escalation],
    ...(data.revision === doc.revision ? escalationFields(data.nextEscalation) : {}),
  };
}

/** The report as the API returns it, given its release now. */
export function reportOf(
  document: ReportDocument,
  release: DiagnosticReportV1['release'],
): DiagnosticReportV1 {
  const {
    requester: _requester,
    registeredPractice: _practice,
    requestId,
    escalationTrail,
    releasedAt: _releasedAt,
    releasedBy: _releasedBy,
    nextEscalation: _next,
    escalating: _escalating,
    escalationDueAt,
    ...report
  } = document;
  const escalations = escalationTrail
    .filter((escalation) => escalation.revision === document.revision)
    .map(({ revision: _revision, ...escalation }) => escalation);
  return {
    ...fromJson<Omit<DiagnosticReportV1, 'escalations' | 'release' | 'requestId' | 'escalationDueAt'>>(
      report,
    ),
    ...(requestId === null ? {} : { requestId }),
    escalations: fromJson<DiagnosticReportV1['escalations']>(escalations),
    ...(escalationDueAt === null ? {} : { escalationDueAt }),
    release,
  };
}

/** Who released the report, as the document holds it. */
function releasedByOf(document: ReportDocument): DiagnosticsActor | undefined {
  return document.releasedBy === undefined ? undefined : fromJson<DiagnosticsActor>(document.releasedBy);
}

/** The report's release to the individual at `now`: by a clinician, or by the policy's delay. */
export function releaseOfReport(
  document: ReportDocument,
  now: Date,
  releaseDelayHours: number,
): DiagnosticReportV1['release'] {
  const releasedBy = releasedByOf(document);
  return releaseOf(
    {
      status: document.status,
      issuedAt: document.issuedAt,
      ...(document.releasedAt === undefined ? {} : { releasedAt: document.releasedAt }),
      ...(releasedBy === undefined ? {} : { releasedBy }),
    },
    now,
    releaseDelayHours,
  );
}

const byPerson = (field: string) => ({ fields: [field, 'issuedAt'] });

/**
 * `diagnostic_reports_v1`: every report by id, a person's reports (by local record or person id,
 * newest first), and those awaiting an escalation, soonest due first, for the sweep.
 */
export const diagnosticReportsProjection: Projection<ReportDocument, Event> = {
  collection: {
    name: 'diagnostic_reports_v1',
    indexes: [
      byPerson('subject.localRecordId'),
      byPerson('subject.personId'),
      { fields: ['escalating', 'escalationDueAt'] },
    ],
  },
  handles: ['ReportRecorded', 'ReportAcknowledged', 'ReportEscalated', 'ReportReleased'],
  documentId: (event) => event.data.reportId,
  evolve(doc, event) {
    if (event.type === 'ReportRecorded') return recordedDocument(doc, event.data);
    // The stream starts with the report, so the document exists; keep the fact if not.
    if (doc === undefined) return null;
    switch (event.type) {
      case 'ReportAcknowledged':
        return acknowledgedDocument(doc, event.data);
      case 'ReportEscalated':
        return escalatedDocument(doc, event.data);
      case 'ReportReleased':
        return { ...doc, releasedAt: event.data.releasedAt, releasedBy: asJson(event.data.by) };
    }
  },
};
