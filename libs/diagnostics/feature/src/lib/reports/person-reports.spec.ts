import type { DiagnosticReportV1 } from '@ilinks/diagnostics/contracts';
import { ValidationError } from '@ilinks/shared/kernel';
import { pageOfReports, personReportsQueryOf, subjectFilters } from './person-reports';

const personId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const localRecordId = '0c9f6a4e-1b2c-5d3e-8f40-123456789abc';

const reportAt = (reportId: string, issuedAt: string) => ({ reportId, issuedAt }) as DiagnosticReportV1;

function issuesOf(query: Record<string, unknown>): string[] {
  try {
    personReportsQueryOf(query);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((issue) => issue.path);
    throw error;
  }
  return [];
}

describe('personReportsQueryOf', () => {
  it('reads repeated local records and person ids, with defaults', () => {
    expect(personReportsQueryOf({ localRecordId: [localRecordId, localRecordId], personId })).toEqual({
      localRecordIds: [localRecordId, localRecordId],
      personIds: [personId],
      releasedOnly: false,
      limit: 20,
    });
  });

  it('reads releasedOnly, cursor and limit', () => {
    expect(personReportsQueryOf({ personId, releasedOnly: 'true', cursor: 'abc', limit: '5' })).toMatchObject(
      {
        releasedOnly: true,
        cursor: 'abc',
        limit: 5,
      },
    );
  });

  it('names each bad parameter', () => {
    expect(issuesOf({})).toEqual(['personId']);
    expect(issuesOf({ personId: 'x' })).toEqual(['personId[0]']);
    expect(issuesOf({ personId, releasedOnly: 'yes', limit: '0' })).toEqual(['releasedOnly', 'limit']);
  });
});

describe('subjectFilters', () => {
  it('makes one equality filter per key', () => {
    expect(
      subjectFilters({ localRecordIds: [localRecordId], personIds: [personId], releasedOnly: false }),
    ).toEqual([{ 'subject.localRecordId': localRecordId }, { 'subject.personId': personId }]);
  });
});

describe('pageOfReports', () => {
  const reports = [
    reportAt('a', '2026-01-01T00:00:00Z'),
    reportAt('c', '2026-03-01T00:00:00Z'),
    reportAt('b', '2026-03-01T00:00:00Z'),
    reportAt('d', '2026-02-01T01:00:00+01:00'),
  ];

  it('orders newest first, ties by id, and pages with a cursor', () => {
    const first = pageOfReports(reports, { limit: 2 });
    expect(first.reports.map((report) => report.reportId)).toEqual(['c', 'b']);
    const second = pageOfReports(reports, { limit: 2, cursor: first.nextCursor });
    expect(second.reports.map((report) => report.reportId)).toEqual(['d', 'a']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('refuses a cursor that is not its own', () => {
    expect(() => pageOfReports(reports, { limit: 2, cursor: 'not-a-cursor' })).toThrow(ValidationError);
  });
});
