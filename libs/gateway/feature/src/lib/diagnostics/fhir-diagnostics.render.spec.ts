import type { TestRequestV1 } from '@ilinks/diagnostics/contracts';
import { PERSON_ID } from '../patient/person-view.testing';
import { REPORT_ID, REQUEST_ID, reportV1 } from './diagnostics-examples.testing';
import { fhirDiagnosticReportOf, fhirServiceRequestOf } from './fhir-diagnostics.render';

describe('fhirDiagnosticReportOf', () => {
  const report = reportV1({
    revision: 3,
    status: 'corrected',
    resource: {
      resourceType: 'DiagnosticReport',
      id: 'lab-report-42',
      status: 'final',
      meta: { profile: ['p'] },
      conclusion: 'c',
    },
  });

  it('is the resource as sent under our id, with its current status and revision', () => {
    expect(fhirDiagnosticReportOf(report)).toEqual({
      resourceType: 'DiagnosticReport',
      id: REPORT_ID,
      status: 'corrected',
      meta: { profile: ['p'], versionId: '3', lastUpdated: report.recordedAt },
      conclusion: 'c',
      subject: { reference: `Patient/${PERSON_ID}` },
    });
  });
});

describe('fhirServiceRequestOf', () => {
  it('is the resource as sent under our id, with its current status and revision', () => {
    const request = {
      requestId: REQUEST_ID,
      revision: 2,
      status: 'revoked',
      subject: { personId: PERSON_ID },
      recordedAt: '2026-11-20T09:00:01.000Z',
      resource: { resourceType: 'ServiceRequest', id: 'order-1001', status: 'active', intent: 'order' },
    } as unknown as TestRequestV1;
    expect(fhirServiceRequestOf(request)).toEqual({
      resourceType: 'ServiceRequest',
      id: REQUEST_ID,
      status: 'revoked',
      intent: 'order',
      meta: { versionId: '2', lastUpdated: '2026-11-20T09:00:01.000Z' },
      subject: { reference: `Patient/${PERSON_ID}` },
    });
  });
});
