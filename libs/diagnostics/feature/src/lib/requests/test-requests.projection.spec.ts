import type { TestRequestRecorded } from '@ilinks/diagnostics/domain';
import { at, project, reportId, reportRecorded } from '../reports/projection-fixtures.testing';
import {
  identifierDocumentId,
  identifierKeysOf,
  lookupKeyOf,
  requestIdentifiersProjection,
} from './request-identifiers.projection';
import { testRequestOf, testRequestsProjection } from './test-requests.projection';

const requestId = '1d0a7b5f-2c3d-5e4f-9a51-23456789abcd';

function requestRecorded(revision: number): TestRequestRecorded['data'] {
  return {
    requestId,
    revision,
    organisation: 'RBS',
    recordedBy: { subject: 'pas', role: 'system', organisation: 'RBS' },
    contentHash: `hash-${revision}`,
    request: {
      subject: { personId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' },
      partnerRequestId: 'SR-1',
      identifiers: [{ system: 'urn:orders', value: 'ORD-1' }, { value: 'FILL-9' }],
      requester: { organisation: 'RBS', team: 'renal' },
      code: [{ system: 'http://loinc.org', code: '24326-1' }],
      status: 'active',
      copiesTo: [],
      resource: {},
    },
    recordedAt: '2026-11-26T09:00:00.000Z',
  };
}

describe('testRequestsProjection', () => {
  it('keeps the current revision and the reports matched to it', () => {
    const documents = project(testRequestsProjection, [
      at('TestRequestRecorded', requestRecorded(1), 0),
      { ...at('ReportRecorded', reportRecorded(1, { requestId }), 0), source: 'diagnostics.report-x' },
      { ...at('TestRequestRecorded', requestRecorded(2), 1) },
    ] as never);
    const document = documents.get(requestId);
    if (document === undefined) throw new Error('no request');
    expect(testRequestOf(document)).toMatchObject({
      requestId,
      revision: 2,
      reportIds: [reportId],
      partnerRequestId: 'SR-1',
    });
  });

  it('ignores a report matched to no request', () => {
    expect(project(testRequestsProjection, [at('ReportRecorded', reportRecorded(1), 0)] as never).size).toBe(
      0,
    );
  });
});

describe('requestIdentifiersProjection', () => {
  it('files an identifier under system|value and under its value alone', () => {
    expect(identifierKeysOf({ system: 'urn:orders', value: 'ORD-1' })).toEqual([
      'urn:orders|ORD-1',
      '|ORD-1',
    ]);
    expect(identifierKeysOf({ value: 'FILL-9' })).toEqual(['|FILL-9']);
  });

  it('finds the request by either key', () => {
    const documents = project(requestIdentifiersProjection, [
      at('TestRequestRecorded', requestRecorded(1), 0),
    ]);
    for (const identifier of [
      { system: 'urn:orders', value: 'ORD-1' },
      { value: 'ORD-1' },
      { value: 'FILL-9' },
    ]) {
      expect(documents.get(identifierDocumentId(lookupKeyOf(identifier)))).toMatchObject({ requestId });
    }
    expect(
      documents.get(identifierDocumentId(lookupKeyOf({ system: 'urn:other', value: 'ORD-1' }))),
    ).toBeUndefined();
  });
});
