import type { TestRequestV1 } from '@ilinks/diagnostics/contracts';
import type { ReportRecorded, TestRequestRecorded } from '@ilinks/diagnostics/domain';
import type { Projection, ProjectionEvent } from '@ilinks/platform/read-models';
import { asJson, fromJson, type JsonObject } from '../json';

/** One document per request: its current revision as the API serves it, and the reports matched to it. */
export type TestRequestDocument = {
  requestId: string;
  revision: number;
  organisation: string;
  recordedAt: string;
  request: JsonObject;
  reportIds: string[];
};

type Event =
  | ProjectionEvent<'TestRequestRecorded', TestRequestRecorded['data']>
  | ProjectionEvent<'ReportRecorded', ReportRecorded['data']>;

/** The request as the API returns it. */
export function testRequestOf(document: TestRequestDocument): TestRequestV1 {
  return {
    ...fromJson<Omit<TestRequestV1, 'requestId' | 'revision' | 'organisation' | 'recordedAt' | 'reportIds'>>(
      document.request,
    ),
    requestId: document.requestId,
    revision: document.revision,
    organisation: document.organisation,
    recordedAt: document.recordedAt,
    reportIds: document.reportIds,
  };
}

/** `test_requests_v1`: every request by id, with the reports matched to it so far. */
export const testRequestsProjection: Projection<TestRequestDocument, Event> = {
  collection: { name: 'test_requests_v1', indexes: [] },
  handles: ['TestRequestRecorded', 'ReportRecorded'],
  documentId: (event) => event.data.requestId,
  evolve(doc, event) {
    switch (event.type) {
      case 'TestRequestRecorded':
        return {
          requestId: event.data.requestId,
          revision: event.data.revision,
          organisation: event.data.organisation,
          recordedAt: event.data.recordedAt,
          request: asJson(event.data.request),
          reportIds: doc?.reportIds ?? [],
        };
      case 'ReportRecorded':
        // A report is matched only to a request already recorded.
        if (doc === undefined) return null;
        return doc.reportIds.includes(event.data.reportId)
          ? doc
          : { ...doc, reportIds: [...doc.reportIds, event.data.reportId] };
    }
  },
};
