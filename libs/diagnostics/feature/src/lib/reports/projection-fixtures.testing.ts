import type { ReportRecorded } from '@ilinks/diagnostics/domain';
import type { DocumentBody, Projection, ProjectionEvent } from '@ilinks/platform/read-models';

export const reportId = '7a2d3c4b-5e6f-5a70-8b91-0c1d2e3f4a5b';
export const personId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const localRecordId = '0c9f6a4e-1b2c-5d3e-8f40-123456789abc';
export const gp = { subject: 'dr-gp', role: 'practitioner', organisation: 'Y12345' };
const lab = { subject: 'lims', role: 'system', organisation: 'RLAB1' };

const potassium = {
  code: [{ system: 'http://loinc.org', code: '2823-3' }],
  status: 'final',
  valueQuantity: { value: 6.8, code: 'mmol/L' },
  referenceRanges: [],
  interpretation: [],
  resource: {},
  flag: 'critical' as const,
  analyte: 'potassium',
};

/** A `ReportRecorded` for projection specs. */
export function reportRecorded(
  revision: number,
  overrides: Partial<ReportRecorded['data']> = {},
): ReportRecorded['data'] {
  return {
    reportId,
    revision,
    change: revision === 1 ? 'reported' : 'amended',
    organisation: 'RLAB1',
    recordedBy: lab,
    contentHash: `hash-${revision}`,
    recipients: [
      { participant: { organisation: 'Y12345' }, reasons: ['registered-practice'] },
      { participant: { organisation: 'RBS', team: 'renal' }, reasons: ['requester'] },
    ],
    flag: 'critical',
    acknowledgementStatus: 'awaiting',
    nextEscalation: {
      level: 1,
      to: { organisation: 'RBS', team: 'renal' },
      dueAt: '2026-11-26T11:00:00.000Z',
    },
    report: {
      subject: { personId, localRecordId },
      partnerReportId: 'REP-1',
      basedOn: [],
      status: revision === 1 ? 'final' : 'amended',
      code: [{ system: 'http://loinc.org', code: '24326-1' }],
      issuedAt: '2026-11-26T09:00:00.000Z',
      results: [
        potassium,
        { ...potassium, code: [{ system: 'http://loinc.org', code: '2951-2' }], analyte: 'sodium' },
      ],
      copiesTo: [],
      resource: {},
    },
    recordedAt: `2026-11-26T10:0${revision}:00.000Z`,
    ...overrides,
  };
}

/** An event of the report's stream at `version`. */
export function at<T extends string, D>(type: T, data: D, version: number): ProjectionEvent<T, D> {
  return { type, data, source: `diagnostics.report-${reportId}`, version };
}

/**
 * Applies events as the projector does, one document map in memory: each event to each document
 * it names, skipping what a document has already seen (the version guard).
 */
export function project<T extends DocumentBody, E extends ProjectionEvent>(
  projection: Projection<T, E>,
  events: readonly E[],
): Map<string, T> {
  const documents = new Map<string, T>();
  const seen = new Map<string, number>();
  for (const event of events) {
    const ids = projection.documentId(event);
    for (const id of ids === undefined ? [] : typeof ids === 'string' ? [ids] : ids) {
      const key = `${id}|${event.source}`;
      if ((seen.get(key) ?? -1) >= event.version) continue;
      seen.set(key, event.version);
      const next = projection.evolve(documents.get(id), event, id);
      if (next === null) documents.delete(id);
      else documents.set(id, next);
    }
  }
  return documents;
}
