import { ForbiddenError, ValidationError } from '@ilinks/shared/kernel';
import { DeciderSpecification } from '@ilinks/shared/testing';
import { contentHashOf, requestIdFor } from './diagnostics.stream';
import {
  type RecordTestRequest,
  type TestRequestContent,
  type TestRequestRecorded,
  testRequestDecider,
} from './test-request.decider';

const now = new Date('2026-11-26T10:00:00Z');
const later = new Date('2026-11-26T11:00:00Z');
const requestId = requestIdFor('Y12345', 'ORD-1');
const recordedBy = { subject: 'gp-system', role: 'system', organisation: 'Y12345' };

const content: TestRequestContent = {
  subject: { personId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' },
  partnerRequestId: 'ORD-1',
  identifiers: [{ system: 'https://gp.example/orders', value: 'ORD-1' }],
  requester: { organisation: 'Y12345', team: 'gp-team-a' },
  code: [{ system: 'http://snomed.info/sct', code: '252167001' }],
  status: 'active',
  copiesTo: [],
  resource: { resourceType: 'ServiceRequest' },
};

function record(
  overrides: Partial<TestRequestContent> = {},
  organisation = 'Y12345',
  at = now,
): RecordTestRequest {
  const request = { ...content, ...overrides };
  return {
    type: 'RecordTestRequest',
    data: { requestId, organisation, recordedBy, contentHash: contentHashOf(request), request },
    metadata: { idempotencyKey: `key-${at.getTime()}`, now: at },
  };
}

function recorded(revision: number, request: TestRequestContent, at = now): TestRequestRecorded {
  return {
    type: 'TestRequestRecorded',
    data: {
      requestId,
      revision,
      organisation: 'Y12345',
      recordedBy,
      contentHash: contentHashOf(request),
      request,
      recordedAt: at.toISOString(),
    },
  };
}

const spec = DeciderSpecification.for(testRequestDecider);

describe('testRequestDecider: RecordTestRequest', () => {
  it('records a new request as revision 1', () => {
    spec.when(record()).then([recorded(1, content)]);
  });

  it('records nothing for an unchanged resend', () => {
    spec
      .given([recorded(1, content)])
      .when(record())
      .thenNothing();
  });

  it('records a changed resend as the next revision', () => {
    const changed = { ...content, priority: 'urgent' };
    spec
      .given([recorded(1, content)])
      .when(record({ priority: 'urgent' }, 'Y12345', later))
      .then([recorded(2, changed, later)]);
  });

  it('counts revisions on from the last one', () => {
    const second = { ...content, priority: 'urgent' };
    spec
      .given([recorded(1, content), recorded(2, second)])
      .when(record({ priority: 'stat' }))
      .then([recorded(3, { ...content, priority: 'stat' })]);
  });

  it('lets only the requesting organisation revise a request', () => {
    spec
      .given([recorded(1, content)])
      .when(record({ priority: 'urgent' }, 'Y99999'))
      .thenThrows(ForbiddenError, /requesting organisation/);
  });

  it('refuses another organisation even with identical content', () => {
    spec
      .given([recorded(1, content)])
      .when(record({}, 'Y99999'))
      .thenThrows(ForbiddenError);
  });

  it('refuses a requester of another organisation', () => {
    spec.when(record({ requester: { organisation: 'RXX01' } })).thenThrows(ValidationError, /not valid/);
  });

  it('refuses a request that names no test', () => {
    spec.when(record({ code: [] })).thenThrows(ValidationError);
  });
});
