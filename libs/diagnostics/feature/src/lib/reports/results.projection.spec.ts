import { at, localRecordId, project, reportId, reportRecorded } from './projection-fixtures.testing';
import { analyteKeyOf, resultDocumentId, resultsProjection } from './results.projection';

describe('resultsProjection', () => {
  it('files each result under its analyte, person and local record', () => {
    const results = project(resultsProjection, [at('ReportRecorded', reportRecorded(1), 0)]);
    expect(results.get(resultDocumentId(reportId, 0))).toMatchObject({
      analyteKey: 'potassium',
      subject: { localRecordId },
      effectiveAt: '2026-11-26T09:00:00.000Z',
      status: 'final',
      revision: 1,
    });
    expect(results.get(resultDocumentId(reportId, 1))?.analyteKey).toBe('sodium');
  });

  it('files a result of no known analyte under system|code', () => {
    expect(analyteKeyOf([{ system: 'urn:lab', code: 'X1' }])).toBe('urn:lab|X1');
    expect(analyteKeyOf([{ system: 'http://loinc.org', code: '2823-3' }])).toBe('potassium');
  });

  it('replaces the results of a report with those of its new revision', () => {
    const first = reportRecorded(1);
    const second = reportRecorded(2, {
      report: { ...first.report, results: [first.report.results[0]] },
      superseded: { revision: 1, participants: [], resultCount: 2 },
    });
    const results = project(resultsProjection, [
      at('ReportRecorded', first, 0),
      at('ReportRecorded', second, 1),
    ]);
    expect([...results.keys()]).toEqual([resultDocumentId(reportId, 0)]);
    expect(results.get(resultDocumentId(reportId, 0))?.revision).toBe(2);
  });

  it('is the same when the events are replayed', () => {
    const events = [at('ReportRecorded', reportRecorded(1), 0)];
    expect(project(resultsProjection, [...events, ...events])).toEqual(project(resultsProjection, events));
  });
});
