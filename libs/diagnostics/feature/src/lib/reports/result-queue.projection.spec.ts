import { at, gp, project, reportId, reportRecorded } from './projection-fixtures.testing';
import {
  organisationLineId,
  queueDocumentId,
  resultQueueProjection,
  urgencyOf,
} from './result-queue.projection';

const practice = queueDocumentId(reportId, { organisation: 'Y12345' });
const renal = queueDocumentId(reportId, { organisation: 'RBS', team: 'renal' });
const duty = queueDocumentId(reportId, { organisation: 'RBS', team: 'duty-clinician' });
const practiceAsAWhole = organisationLineId(reportId, 'Y12345');
const trustAsAWhole = organisationLineId(reportId, 'RBS');

const escalatedTo = (level: number, to: { organisation: string; team: string }) => ({
  reportId,
  revision: 1,
  level,
  to,
  flag: 'critical' as const,
  dueAt: '2026-11-26T11:00:00.000Z',
  escalatedAt: '2026-11-26T11:00:30.000Z',
});

describe('resultQueueProjection', () => {
  it('puts a line on each recipient queue, most urgent first', () => {
    const lines = project(resultQueueProjection, [at('ReportRecorded', reportRecorded(1), 0)]);
    expect([...lines.keys()].sort()).toEqual([practice, renal, practiceAsAWhole, trustAsAWhole].sort());
    expect(lines.get(renal)).toMatchObject({
      scope: 'participant',
      participantOrganisation: 'RBS',
      participantTeam: 'renal',
      participantPractitioner: null,
      reasons: ['requester'],
      awaiting: true,
      abnormal: true,
      urgency: '0|2026-11-26T09:00:00.000Z',
    });
  });

  it('ranks critical before abnormal before normal', () => {
    expect([urgencyOf('normal', 'a'), urgencyOf('critical', 'z'), urgencyOf('abnormal', 'b')].sort()).toEqual(
      ['0|z', '1|b', '2|a'],
    );
  });

  it('adds the escalation level to a recipient line, and a line for a new escalation target', () => {
    const lines = project(resultQueueProjection, [
      at('ReportRecorded', reportRecorded(1), 0),
      at('ReportEscalated', escalatedTo(1, { organisation: 'RBS', team: 'renal' }), 1),
      at('ReportEscalated', escalatedTo(2, { organisation: 'RBS', team: 'duty-clinician' }), 2),
    ] as never);
    expect(lines.get(renal)).toMatchObject({ escalationLevel: 1, reasons: ['requester'] });
    expect(lines.get(duty)).toMatchObject({ escalationLevel: 2, reasons: [], awaiting: true });
    expect(lines.get(trustAsAWhole)).toMatchObject({ escalationLevel: 2, reasons: ['requester'] });
  });

  it("keeps one line per report on an organisation's whole queue, with every reason of its participants", () => {
    const lines = project(resultQueueProjection, [
      at(
        'ReportRecorded',
        reportRecorded(1, {
          recipients: [
            { participant: { organisation: 'Y12345', team: 'blue' }, reasons: ['requester'] },
            { participant: { organisation: 'Y12345' }, reasons: ['registered-practice'] },
          ],
        }),
        0,
      ),
    ]);
    const wholeQueue = [...lines.values()].filter(
      (line) => line.scope === 'organisation' && line.participantOrganisation === 'Y12345',
    );
    expect(wholeQueue).toEqual([
      expect.objectContaining({
        participantTeam: null,
        reasons: ['requester', 'registered-practice'],
        awaiting: true,
      }),
    ]);
  });

  it('takes every line off the queues when acknowledged, escalation targets included', () => {
    const participants = [
      { organisation: 'Y12345' },
      { organisation: 'RBS', team: 'renal' },
      { organisation: 'RBS', team: 'duty-clinician' },
    ];
    const lines = project(resultQueueProjection, [
      at('ReportRecorded', reportRecorded(1), 0),
      at('ReportEscalated', escalatedTo(2, { organisation: 'RBS', team: 'duty-clinician' }), 1),
      at('ReportAcknowledged', { reportId, revision: 1, participants, by: gp, acknowledgedAt: 'x' }, 2),
    ] as never);
    expect([...lines.values()].map((line) => line.awaiting)).toEqual([false, false, false, false, false]);
  });

  it('drops the lines of participants a new revision no longer goes to', () => {
    const lines = project(resultQueueProjection, [
      at('ReportRecorded', reportRecorded(1), 0),
      at(
        'ReportRecorded',
        reportRecorded(2, {
          recipients: [{ participant: { organisation: 'Y12345' }, reasons: ['registered-practice'] }],
          superseded: {
            revision: 1,
            participants: [{ organisation: 'Y12345' }, { organisation: 'RBS', team: 'renal' }],
            resultCount: 2,
          },
        }),
        1,
      ),
    ]);
    expect([...lines.keys()].sort()).toEqual([practice, practiceAsAWhole].sort());
    expect(lines.get(practice)).toMatchObject({ revision: 2, awaiting: true });
  });

  it('shows a withdrawn revision on no queue', () => {
    const lines = project(resultQueueProjection, [
      at('ReportRecorded', reportRecorded(1, { acknowledgementStatus: 'not-required' }), 0),
    ]);
    expect([...lines.values()].every((line) => !line.awaiting)).toBe(true);
  });

  it('is the same when the events are replayed', () => {
    const events = [at('ReportRecorded', reportRecorded(1), 0)];
    expect(project(resultQueueProjection, [...events, ...events])).toEqual(
      project(resultQueueProjection, events),
    );
  });
});
