import { GP, HOSPITAL, LAB, reportV1 } from './diagnostics-examples.testing';
import {
  isPartyToReport,
  isPartyToRequest,
  labelOfReport,
  reportEntity,
  requestEntity,
} from './diagnostic-readers';
import type { TestRequestV1 } from '@ilinks/diagnostics/contracts';

const request = {
  organisation: GP,
  performer: LAB,
  copiesTo: [{ organisation: HOSPITAL, team: 'diabetes' }],
} as unknown as TestRequestV1;

describe('isPartyToReport', () => {
  it('is the lab, a recipient and an organisation it escalated to', () => {
    const report = reportV1({
      escalations: [
        {
          level: 1,
          to: { organisation: 'A81001' },
          escalatedAt: '2026-11-21T18:00:00Z',
          dueAt: '2026-11-21T18:00:00Z',
        },
      ],
    });
    expect([LAB, GP, 'A81001'].map((organisation) => isPartyToReport(report, organisation))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('is no one else', () => {
    expect(isPartyToReport(reportV1(), HOSPITAL)).toBe(false);
  });
});

describe('isPartyToRequest', () => {
  it('is the requester, the performer and anyone copied in, no one else', () => {
    expect(
      [GP, LAB, HOSPITAL, 'A81001'].map((organisation) => isPartyToRequest(request, organisation)),
    ).toEqual([true, true, true, false]);
  });
});

describe('labelOfReport', () => {
  it('labels a released report as results of its lab', () => {
    expect(labelOfReport(reportV1())).toEqual({
      part: 'results',
      organisation: LAB,
      notForPatientView: false,
    });
  });

  it('keeps an unreleased one from the patient’s view', () => {
    expect(labelOfReport(reportV1({ release: { released: false } })).notForPatientView).toBe(true);
  });
});

describe('reportEntity', () => {
  it('names a report, withheld when hidden', () => {
    expect(reportEntity('r-1')).toEqual({ resourceType: 'DiagnosticReport', id: 'r-1' });
    expect(reportEntity('r-1', true)).toEqual({
      resourceType: 'DiagnosticReport',
      id: 'r-1',
      withheld: true,
    });
  });
});

describe('requestEntity', () => {
  it('names a request, withheld when hidden', () => {
    expect(requestEntity('q-1')).toEqual({ resourceType: 'ServiceRequest', id: 'q-1' });
    expect(requestEntity('q-1', true)).toEqual({ resourceType: 'ServiceRequest', id: 'q-1', withheld: true });
  });
});
