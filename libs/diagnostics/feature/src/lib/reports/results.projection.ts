import { analyteOf, type Coding, type RecordedResult, type ReportRecorded } from '@ilinks/diagnostics/domain';
import type { Projection, ProjectionEvent } from '@ilinks/platform/read-models';
import { asJson, fromJson, type JsonObject } from '../json';

/** One document per report and result of its current revision: a point of a cumulative series. */
export type ResultDocument = {
  reportId: string;
  revision: number;
  /** The lab. */
  organisation: string;
  /** An analyte id, or `system|code` of the result's first coding when no analyte is known for it. */
  analyteKey: string;
  subject: { personId: string; localRecordId?: string };
  /** The result's, else the report's effective time, else its issue time. */
  effectiveAt: string;
  /** The result's status. */
  status: string;
  reportStatus: string;
  result: JsonObject;
};

type Event = ProjectionEvent<'ReportRecorded', ReportRecorded['data']>;

/** The key a result is filed under for the cumulative view. */
export function analyteKeyOf(codes: readonly Coding[]): string {
  const analyte = analyteOf(codes);
  if (analyte !== undefined) return analyte.id;
  const first = codes[0];
  return first === undefined ? '' : `${first.system}|${first.code}`;
}

/** The document id of a report's result at `index`. */
export const resultDocumentId = (reportId: string, index: number): string => `${reportId}:${index}`;

function resultCount(data: ReportRecorded['data']): number {
  return Math.max(data.report.results.length, data.superseded?.resultCount ?? 0);
}

/** The result a document holds. */
export function resultOf(document: ResultDocument): RecordedResult {
  return fromJson<RecordedResult>(document.result);
}

/**
 * `results_v1`: every result of every report's current revision, by analyte and person (local
 * record or person id), for the cumulative view. A new revision replaces its report's results.
 */
export const resultsProjection: Projection<ResultDocument, Event> = {
  collection: {
    name: 'results_v1',
    indexes: [
      { fields: ['analyteKey', 'subject.localRecordId'] },
      { fields: ['analyteKey', 'subject.personId'] },
    ],
  },
  handles: ['ReportRecorded'],
  documentId: (event) =>
    Array.from({ length: resultCount(event.data) }, (_, index) =>
      resultDocumentId(event.data.reportId, index),
    ),
  evolve(_doc, event, id) {
    const { data } = event;
    const index = Number(id.slice(id.lastIndexOf(':') + 1));
    const result = data.report.results[index];
    // The superseded revision had more results than this one.
    if (result === undefined) return null;
    return {
      reportId: data.reportId,
      revision: data.revision,
      organisation: data.organisation,
      analyteKey: analyteKeyOf(result.code),
      subject: asJson(data.report.subject) as ResultDocument['subject'],
      effectiveAt: result.effectiveAt ?? data.report.effectiveAt ?? data.report.issuedAt,
      status: result.status,
      reportStatus: data.report.status,
      result: asJson(result),
    };
  },
};
