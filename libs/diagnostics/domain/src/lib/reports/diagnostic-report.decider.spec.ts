import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@ilinks/shared/kernel';
import { DeciderSpecification } from '@ilinks/shared/testing';
import { contentHashOf, reportIdFor } from '../requests/diagnostics.stream';
import type { ReportRecipient, ResultFlag } from '../results/result.types';
import {
  type AcknowledgeReport,
  type EscalateReport,
  type RecordReport,
  type ReleaseReport,
  type ReportAcknowledged,
  type ReportEscalated,
  type ReportRecorded,
  type ReportReleased,
  diagnosticReportDecider,
} from './diagnostic-report.decider';
import type { ReportContent } from './diagnostic-report.types';

const now = new Date('2026-11-26T10:00:00Z');
const hourLater = new Date('2026-11-26T11:00:00Z');
const reportId = reportIdFor('RLAB1', 'REP-1');
const lab = { subject: 'lab-system', role: 'system', organisation: 'RLAB1' };
const gp = { subject: 'dr-jones', role: 'practitioner', organisation: 'Y12345' };
const dutyGp = { subject: 'dr-duty', role: 'practitioner', organisation: 'Y99999' };
const stranger = { subject: 'dr-other', role: 'practitioner', organisation: 'RXX01' };
const recipients: ReportRecipient[] = [
  {
    participant: { organisation: 'Y12345', team: 'gp-team-a' },
    reasons: ['requester', 'registered-practice'],
  },
];

const recipientsOnly = recipients.map((recipient) => recipient.participant);

const content: ReportContent = {
  subject: { personId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' },
  partnerReportId: 'REP-1',
  basedOn: [{ value: 'ORD-1' }],
  status: 'final',
  code: [{ system: 'http://loinc.org', code: '24326-1' }],
  issuedAt: '2026-11-26T09:00:00Z',
  results: [],
  copiesTo: [],
  resource: { resourceType: 'DiagnosticReport' },
};

function record(
  overrides: Partial<ReportContent> = {},
  options: { flag?: ResultFlag; organisation?: string; at?: Date } = {},
): RecordReport {
  const report = { ...content, ...overrides };
  return {
    type: 'RecordReport',
    data: {
      reportId,
      organisation: options.organisation ?? 'RLAB1',
      recordedBy: lab,
      contentHash: contentHashOf(report),
      report,
      recipients,
      flag: options.flag ?? 'abnormal',
    },
    metadata: { idempotencyKey: 'record-key', now: options.at ?? now },
  };
}

function recorded(
  revision: number,
  overrides: Partial<ReportContent> = {},
  options: { flag?: ResultFlag; at?: Date; superseded?: ReportRecorded['data']['superseded'] } = {},
): ReportRecorded {
  const report = { ...content, ...overrides };
  const withdrawn = report.status === 'cancelled' || report.status === 'entered-in-error';
  return {
    type: 'ReportRecorded',
    data: {
      reportId,
      revision,
      change: withdrawn ? 'cancelled' : revision === 1 ? 'reported' : 'amended',
      organisation: 'RLAB1',
      recordedBy: lab,
      contentHash: contentHashOf(report),
      recipients,
      flag: options.flag ?? 'abnormal',
      acknowledgementStatus: withdrawn ? 'not-required' : 'awaiting',
      ...(revision > 1
        ? {
            superseded: options.superseded ?? {
              revision: revision - 1,
              participants: recipientsOnly,
              resultCount: 0,
            },
          }
        : {}),
      report,
      recordedAt: (options.at ?? now).toISOString(),
    },
  };
}

function acknowledge(revision = 1, by = gp, note?: string): AcknowledgeReport {
  return {
    type: 'AcknowledgeReport',
    data: { reportId, revision, by, ...(note === undefined ? {} : { note }) },
    metadata: { idempotencyKey: 'ack-key', now: hourLater },
  };
}

const acknowledged = (revision = 1): ReportAcknowledged => ({
  type: 'ReportAcknowledged',
  data: { reportId, revision, participants: recipientsOnly, by: gp, acknowledgedAt: hourLater.toISOString() },
});

const dueAt = '2026-11-26T10:30:00.000Z';

function escalate(level = 1, at = hourLater, revision = 1): EscalateReport {
  return {
    type: 'EscalateReport',
    data: { reportId, revision, level, to: { organisation: 'Y99999', team: 'duty' }, dueAt },
    metadata: { idempotencyKey: `escalate-${revision}-${level}`, now: at },
  };
}

const escalated = (level = 1, revision = 1): ReportEscalated => ({
  type: 'ReportEscalated',
  data: {
    reportId,
    revision,
    level,
    to: { organisation: 'Y99999', team: 'duty' },
    flag: 'abnormal',
    dueAt,
    escalatedAt: hourLater.toISOString(),
  },
});

function release(by = gp): ReleaseReport {
  return {
    type: 'ReleaseReport',
    data: { reportId, by },
    metadata: { idempotencyKey: 'rel', now: hourLater },
  };
}

const released: ReportReleased = {
  type: 'ReportReleased',
  data: { reportId, revision: 1, by: gp, releasedAt: hourLater.toISOString() },
};

const spec = DeciderSpecification.for(diagnosticReportDecider);

describe('diagnosticReportDecider: RecordReport', () => {
  it('records a new report as revision 1, awaiting acknowledgement', () => {
    spec.when(record()).then([recorded(1)]);
  });

  it('records nothing for an unchanged resend', () => {
    spec
      .given([recorded(1)])
      .when(record())
      .thenNothing();
  });

  it('records an amendment as the next revision, awaiting again', () => {
    spec
      .given([recorded(1), acknowledged()])
      .when(record({ status: 'amended' }))
      .then([recorded(2, { status: 'amended' })]);
  });

  it('tells a new revision what it supersedes, escalation targets and results included', () => {
    const withResult = {
      ...content,
      results: [
        {
          code: [],
          status: 'final',
          referenceRanges: [],
          interpretation: [],
          resource: {},
          flag: 'normal' as const,
        },
      ],
    };
    spec
      .given([recorded(1, withResult), escalated()])
      .when(record({ status: 'corrected' }))
      .then([
        recorded(
          2,
          { status: 'corrected' },
          {
            superseded: {
              revision: 1,
              participants: [...recipientsOnly, { organisation: 'Y99999', team: 'duty' }],
              resultCount: 1,
            },
          },
        ),
      ]);
  });

  it('records a cancellation as needing no acknowledgement', () => {
    spec
      .given([recorded(1)])
      .when(record({ status: 'cancelled' }))
      .then([recorded(2, { status: 'cancelled' })]);
  });

  it('treats entered-in-error as withdrawn, keeping the status sent', () => {
    spec
      .given([recorded(1)])
      .when(record({ status: 'entered-in-error' }))
      .then([recorded(2, { status: 'entered-in-error' })]);
  });

  it('lets only the lab that sent the report revise it', () => {
    spec
      .given([recorded(1)])
      .when(record({ status: 'amended' }, { organisation: 'RLAB2' }))
      .thenThrows(ForbiddenError, /only the lab/);
  });

  it('records the match and the requester when given', () => {
    const command = record();
    const matched: RecordReport = {
      ...command,
      data: { ...command.data, requestId: 'req-1', requester: { organisation: 'Y12345', team: 'gp-team-a' } },
    };
    const expected = recorded(1);
    spec.when(matched).then([
      {
        ...expected,
        data: {
          ...expected.data,
          requestId: 'req-1',
          requester: { organisation: 'Y12345', team: 'gp-team-a' },
        },
      },
    ]);
  });
});

describe('diagnosticReportDecider: RecordReport and the next escalation', () => {
  const next = {
    level: 1,
    to: { organisation: 'Y12345', team: 'gp-team-a' },
    dueAt: '2026-11-26T14:00:00.000Z',
  };

  function withNext(command: RecordReport): RecordReport {
    return { ...command, data: { ...command.data, nextEscalation: next } };
  }

  it('keeps the next escalation of an abnormal revision', () => {
    const expected = recorded(1);
    spec.when(withNext(record())).then([{ ...expected, data: { ...expected.data, nextEscalation: next } }]);
  });

  it('drops it for a normal revision', () => {
    spec.when(withNext(record({}, { flag: 'normal' }))).then([recorded(1, {}, { flag: 'normal' })]);
  });

  it('drops it for a withdrawn revision', () => {
    spec.when(withNext(record({ status: 'cancelled' }))).then([recorded(1, { status: 'cancelled' })]);
  });
});

describe('diagnosticReportDecider: AcknowledgeReport', () => {
  it('acknowledges the current revision for a recipient organisation', () => {
    spec
      .given([recorded(1)])
      .when(acknowledge())
      .then([acknowledged()]);
  });

  it('keeps a trimmed note', () => {
    const expected = acknowledged();
    spec
      .given([recorded(1)])
      .when(acknowledge(1, gp, '  Repeat in a week.  '))
      .then([{ ...expected, data: { ...expected.data, note: 'Repeat in a week.' } }]);
  });

  it('refuses a note over the limit', () => {
    spec
      .given([recorded(1)])
      .when(acknowledge(1, gp, 'x'.repeat(2001)))
      .thenThrows(ValidationError);
  });

  it('stays quiet when the revision is already acknowledged', () => {
    spec
      .given([recorded(1), acknowledged()])
      .when(acknowledge())
      .thenNothing();
  });

  it('stays quiet for a withdrawn report, which needs none', () => {
    spec
      .given([recorded(1, { status: 'cancelled' })])
      .when(acknowledge())
      .thenNothing();
  });

  it('refuses an organisation that is neither recipient nor escalation target', () => {
    spec
      .given([recorded(1)])
      .when(acknowledge(1, stranger))
      .thenThrows(ForbiddenError);
  });

  it('accepts an organisation the revision escalated to', () => {
    const expected = acknowledged();
    spec
      .given([recorded(1), escalated()])
      .when(acknowledge(1, dutyGp))
      .then([
        {
          ...expected,
          data: {
            ...expected.data,
            participants: [...recipientsOnly, { organisation: 'Y99999', team: 'duty' }],
            by: dutyGp,
          },
        },
      ]);
  });

  it('tells the acknowledgement whose queues it leaves, escalation targets included', () => {
    const expected = acknowledged();
    spec
      .given([recorded(1), escalated()])
      .when(acknowledge())
      .then([
        {
          ...expected,
          data: {
            ...expected.data,
            participants: [...recipientsOnly, { organisation: 'Y99999', team: 'duty' }],
          },
        },
      ]);
  });

  it('forgets escalation targets of an earlier revision', () => {
    spec
      .given([recorded(1), escalated(), recorded(2, { status: 'amended' })])
      .when(acknowledge(2, dutyGp))
      .thenThrows(ForbiddenError);
  });

  it('refuses an acknowledgement of a superseded revision', () => {
    spec
      .given([recorded(1), recorded(2, { status: 'amended' })])
      .when(acknowledge(1))
      .thenThrows(ConflictError, /newer revision/);
  });

  it('re-opens acknowledgement for an amended revision', () => {
    spec
      .given([recorded(1), acknowledged(), recorded(2, { status: 'amended' })])
      .when(acknowledge(2))
      .then([acknowledged(2)]);
  });

  it('refuses an unknown report', () => {
    spec.when(acknowledge()).thenThrows(NotFoundError);
  });
});

describe('diagnosticReportDecider: EscalateReport', () => {
  it('escalates an unacknowledged abnormal revision once due', () => {
    spec
      .given([recorded(1)])
      .when(escalate())
      .then([escalated()]);
  });

  it('records the escalation after this one when given', () => {
    const next = {
      level: 2,
      to: { organisation: 'Y99999', team: 'duty-clinician' },
      dueAt: '2026-11-26T11:30:00.000Z',
    };
    const command = escalate();
    const expected = escalated();
    spec
      .given([recorded(1)])
      .when({ ...command, data: { ...command.data, nextEscalation: next } })
      .then([{ ...expected, data: { ...expected.data, nextEscalation: next } }]);
  });

  it('escalates to level 2 after level 1', () => {
    spec
      .given([recorded(1), escalated()])
      .when(escalate(2))
      .then([escalated(2)]);
  });

  it('refuses before the level falls due', () => {
    spec
      .given([recorded(1)])
      .when(escalate(1, new Date('2026-11-26T10:29:59Z')))
      .thenNothing();
  });

  it('refuses a level that is not the next one', () => {
    spec
      .given([recorded(1)])
      .when(escalate(2))
      .thenNothing();
    spec
      .given([recorded(1), escalated()])
      .when(escalate(1))
      .thenNothing();
  });

  it('refuses an acknowledged revision', () => {
    spec
      .given([recorded(1), acknowledged()])
      .when(escalate())
      .thenNothing();
  });

  it('refuses a normal report', () => {
    spec
      .given([recorded(1, {}, { flag: 'normal' })])
      .when(escalate())
      .thenNothing();
  });

  it('refuses a withdrawn report', () => {
    spec
      .given([recorded(1, { status: 'cancelled' })])
      .when(escalate())
      .thenNothing();
  });

  it('refuses a superseded revision, and restarts at level 1 for the new one', () => {
    const history = [recorded(1), escalated(), recorded(2, { status: 'amended' })];
    spec
      .given(history)
      .when(escalate(2, hourLater, 1))
      .thenNothing();
    spec
      .given(history)
      .when(escalate(1, hourLater, 2))
      .then([escalated(1, 2)]);
  });

  it('refuses an unknown report quietly', () => {
    spec.when(escalate()).thenNothing();
  });

  it('escalates a critical revision, saying so', () => {
    const expected = escalated();
    spec
      .given([recorded(1, {}, { flag: 'critical' })])
      .when(escalate())
      .then([{ ...expected, data: { ...expected.data, flag: 'critical' } }]);
  });
});

describe('diagnosticReportDecider: ReleaseReport', () => {
  it('releases the report for a recipient organisation', () => {
    spec
      .given([recorded(1)])
      .when(release())
      .then([released]);
  });

  it('stays quiet when already released', () => {
    spec
      .given([recorded(1), released])
      .when(release())
      .thenNothing();
  });

  it('keeps a release across revisions', () => {
    spec
      .given([recorded(1), released, recorded(2, { status: 'amended' })])
      .when(release())
      .thenNothing();
  });

  it('refuses any other organisation', () => {
    spec
      .given([recorded(1)])
      .when(release(lab))
      .thenThrows(ForbiddenError);
  });

  it('refuses an unknown report', () => {
    spec.when(release()).thenThrows(NotFoundError);
  });
});
