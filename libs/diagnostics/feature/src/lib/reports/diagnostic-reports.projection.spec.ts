import { diagnosticReportsProjection, reportOf } from './diagnostic-reports.projection';
import { at, gp, project, reportId, reportRecorded } from './projection-fixtures.testing';

const escalated = {
  reportId,
  revision: 1,
  level: 1,
  to: { organisation: 'RBS', team: 'renal' },
  flag: 'critical' as const,
  dueAt: '2026-11-26T11:00:00.000Z',
  escalatedAt: '2026-11-26T11:00:30.000Z',
  nextEscalation: {
    level: 2,
    to: { organisation: 'RBS', team: 'duty-clinician' },
    dueAt: '2026-11-26T12:00:00.000Z',
  },
};
const acknowledged = {
  reportId,
  revision: 1,
  participants: [],
  by: gp,
  acknowledgedAt: '2026-11-26T11:30:00.000Z',
};

const history = [
  at('ReportRecorded', reportRecorded(1), 0),
  at('ReportEscalated', escalated, 1),
  at('ReportAcknowledged', acknowledged, 2),
] as const;

function reportAfter(events: readonly (typeof history)[number][]) {
  const document = project(diagnosticReportsProjection, events).get(reportId);
  if (document === undefined) throw new Error('no document');
  return document;
}

describe('diagnosticReportsProjection', () => {
  it('records a report awaiting acknowledgement, due to escalate', () => {
    const document = reportAfter(history.slice(0, 1));
    expect(document).toMatchObject({
      revision: 1,
      acknowledgementStatus: 'awaiting',
      escalating: true,
      escalationDueAt: '2026-11-26T11:00:00.000Z',
      subject: { localRecordId: expect.any(String) },
    });
  });

  it('moves the due time on with each escalation and keeps the trail', () => {
    const document = reportAfter(history.slice(0, 2));
    expect(document.escalationDueAt).toBe('2026-11-26T12:00:00.000Z');
    expect(reportOf(document, { released: false }).escalations).toEqual([
      {
        level: 1,
        to: { organisation: 'RBS', team: 'renal' },
        dueAt: escalated.dueAt,
        escalatedAt: escalated.escalatedAt,
      },
    ]);
  });

  it('stops escalating once acknowledged', () => {
    const document = reportAfter(history);
    expect(document).toMatchObject({
      acknowledgementStatus: 'acknowledged',
      escalating: false,
      escalationDueAt: null,
    });
  });

  it('re-opens with a new revision, keeping history, acknowledgements and the earlier trail', () => {
    const document = reportAfter([...history, at('ReportRecorded', reportRecorded(2), 3)]);
    const served = reportOf(document, { released: false });
    expect(served).toMatchObject({ revision: 2, status: 'amended', acknowledgementStatus: 'awaiting' });
    expect(served.history).toEqual([
      { revision: 1, status: 'final', recordedAt: '2026-11-26T10:01:00.000Z' },
    ]);
    expect(served.acknowledgements).toHaveLength(1);
    expect(served.escalations).toEqual([]);
    expect(document.escalationTrail).toHaveLength(1);
  });

  it('keeps a clinician release', () => {
    const document = reportAfter([
      ...history,
      at('ReportReleased', { reportId, revision: 1, by: gp, releasedAt: '2026-11-26T12:00:00.000Z' }, 3),
    ] as never);
    expect(document).toMatchObject({ releasedAt: '2026-11-26T12:00:00.000Z', releasedBy: gp });
  });

  it('is the same when the events are replayed', () => {
    expect(reportAfter([...history, ...history])).toEqual(reportAfter(history));
  });
});
