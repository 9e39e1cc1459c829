import { DIAGNOSTICS_TOPIC } from '@ilinks/diagnostics/contracts';
import type { ReportRecorded } from '@ilinks/diagnostics/domain';
import type { RecordedEvent } from '@ilinks/platform/event-store';
import { fromBusMessage } from '@ilinks/platform/messaging';
import { diagnosticsEventsMapper } from './diagnostics-events.mapper';

const reportId = '7a2d3c4b-5e6f-5a70-8b91-0c1d2e3f4a5b';
const personId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const lab = { subject: 'lab-system', role: 'system', organisation: 'RLAB1' };
const gp = { subject: 'dr-jones', role: 'practitioner', organisation: 'Y12345' };

function recorded(type: string, data: unknown): RecordedEvent {
  return {
    id: '0b1c2d3e-4f50-5617-8899-aabbccddeeff',
    streamName: `diagnostics.report-${reportId}`,
    type,
    data,
    metadata: {},
    revision: 0n,
    position: 9n,
    recordedAt: new Date('2026-11-26T10:00:01Z'),
  };
}

const reportRecorded: ReportRecorded['data'] = {
  reportId,
  revision: 1,
  change: 'reported',
  organisation: 'RLAB1',
  recordedBy: lab,
  contentHash: 'h',
  recipients: [{ participant: { organisation: 'Y12345', team: 'gp-team-a' }, reasons: ['requester'] }],
  flag: 'critical',
  acknowledgementStatus: 'awaiting',
  report: {
    subject: { personId },
    partnerReportId: 'REP-1',
    basedOn: [],
    status: 'final',
    code: [{ system: 'http://loinc.org', code: '2823-3' }],
    issuedAt: '2026-11-26T09:00:00Z',
    conclusion: 'Potassium markedly raised',
    results: [],
    copiesTo: [],
    resource: {},
  },
  recordedAt: '2026-11-26T10:00:00.000Z',
};

function published(type: string, data: unknown) {
  const [message, ...rest] = diagnosticsEventsMapper(recorded(type, data));
  expect(rest).toEqual([]);
  if (message === undefined) throw new Error('nothing was published');
  expect(message.topic).toBe(DIAGNOSTICS_TOPIC);
  expect(message.key).toBe(reportId);
  return fromBusMessage(message);
}

describe('diagnosticsEventsMapper', () => {
  it('publishes a recorded report keyed by the report, without values or conclusion', () => {
    const event = published('ReportRecorded', reportRecorded);
    expect(event).toMatchObject({ type: 'ilinks.diagnostics.result-reported.v1', subject: reportId });
    expect(event.data).toEqual({
      reportId,
      revision: 1,
      change: 'reported',
      personId,
      organisation: 'RLAB1',
      status: 'final',
      flag: 'critical',
      recipients: [{ organisation: 'Y12345', team: 'gp-team-a' }],
      recordedAt: '2026-11-26T10:00:00.000Z',
    });
    expect(JSON.stringify(event)).not.toContain('Potassium');
  });

  it('publishes an acknowledgement with the acknowledging organisation', () => {
    const event = published('ReportAcknowledged', {
      reportId,
      revision: 2,
      by: gp,
      note: 'Called the patient',
      acknowledgedAt: '2026-11-26T11:00:00.000Z',
    });
    expect(event.type).toBe('ilinks.diagnostics.result-acknowledged.v1');
    expect(event.data).toEqual({
      reportId,
      revision: 2,
      organisation: 'Y12345',
      acknowledgedBy: 'dr-jones',
      acknowledgedAt: '2026-11-26T11:00:00.000Z',
    });
  });

  it('publishes an escalation with its level and target', () => {
    const event = published('ReportEscalated', {
      reportId,
      revision: 1,
      level: 2,
      to: { organisation: 'Y12345', team: 'duty-clinician' },
      flag: 'abnormal',
      dueAt: '2026-11-26T12:00:00.000Z',
      escalatedAt: '2026-11-26T12:00:30.000Z',
    });
    expect(event.type).toBe('ilinks.diagnostics.result-escalated.v1');
    expect(event.data).toMatchObject({ level: 2, to: { organisation: 'Y12345', team: 'duty-clinician' } });
  });

  it('publishes a release', () => {
    const event = published('ReportReleased', {
      reportId,
      revision: 1,
      by: gp,
      releasedAt: '2026-11-26T11:00:00.000Z',
    });
    expect(event.type).toBe('ilinks.diagnostics.result-released.v1');
    expect(event.data).toEqual({
      reportId,
      revision: 1,
      organisation: 'Y12345',
      releasedAt: '2026-11-26T11:00:00.000Z',
    });
  });

  it('publishes nothing for requests or unknown events', () => {
    expect(diagnosticsEventsMapper(recorded('TestRequestRecorded', { requestId: reportId }))).toEqual([]);
    expect(diagnosticsEventsMapper(recorded('SomethingNew', {}))).toEqual([]);
  });
});
