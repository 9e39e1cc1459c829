import { AuditRecordV1Event } from '@ilinks/audit/contracts';
import { validateEventData } from '@ilinks/platform/messaging';
import type { Principal } from '@ilinks/platform/security';
import {
  actionOf,
  agentOf,
  buildAuditRecord,
  type FinishedRequest,
  isAuditedRequest,
  operationOf,
  outcomeOf,
  purposeOf,
} from './audit-record.builder';
import type { RequestAuditFacts } from './request-audit';

const PERSON = '0b7c6f1e-5d0a-4c3e-9f4b-2a1d8e6c7b90';
const practitioner: Principal = { subject: 'dr-jones', organisation: 'RX1', role: 'practitioner' };

function facts(changes: Partial<RequestAuditFacts> = {}): RequestAuditFacts {
  return { personIds: new Set<string>(), entities: [], ...changes };
}

function finished(changes: Partial<FinishedRequest> = {}): FinishedRequest {
  return {
    recordId: '11111111-2222-4333-8444-555555555555',
    recordedAt: new Date('2026-11-26T10:00:00Z'),
    principal: practitioner,
    method: 'GET',
    route: '/fhir/Patient/:id',
    status: 200,
    facts: facts(),
    ...changes,
  };
}

describe('isAuditedRequest', () => {
  it.each([
    ['GET', '/fhir/Patient/123'],
    ['POST', '/fhir/Patient/$match'],
    ['GET', '/fhir/AuditEvent?patient=x'],
    ['GET', '/identity/match-reviews'],
    ['GET', '/governance/alerts'],
    ['POST', '/audit/$verify'],
    ['POST', '/fhir/metadata'],
    ['GET', '/anything-else'],
    ['GET', '/fhir/metadata/extra'],
  ])('records %s %s', (method, url) => {
    expect(isAuditedRequest(method, url)).toBe(true);
  });

  it.each([
    ['GET', '/fhir/metadata'],
    ['GET', '/FHIR/metadata/'],
    ['HEAD', '/fhir/metadata?_format=json'],
    ['GET', '/health/live'],
    ['GET', '/health'],
    ['POST', '/auth/dev-token'],
    ['PROPFIND', '/fhir/Patient'],
  ])('leaves out %s %s', (method, url) => {
    expect(isAuditedRequest(method, url)).toBe(false);
  });
});

describe('actionOf', () => {
  it.each([
    ['GET', '/fhir/Patient/:id', undefined, 'R'],
    ['HEAD', '/fhir/Patient/:id', undefined, 'R'],
    ['POST', '/fhir/Patient', undefined, 'C'],
    ['POST', '/fhir/Patient/$match', undefined, 'E'],
    ['POST', '/fhir/Patient/_search', undefined, 'R'],
    ['POST', '/governance/alerts/:id/$review', undefined, 'E'],
    ['POST', '/fhir/Patient', 'Patient.$everything', 'E'],
    ['PUT', '/fhir/Consent/:id', undefined, 'U'],
    ['PATCH', '/fhir/Consent/:id', undefined, 'U'],
    ['DELETE', '/fhir/Consent/:id', undefined, 'D'],
  ] as const)('%s %s (%s) is %s', (method, route, operation, action) => {
    expect(actionOf(method, route, operation)).toBe(action);
  });
});

describe('operationOf', () => {
  it.each([
    ['GET', '/fhir/Patient/:id', 'Patient.read'],
    ['GET', '/fhir/Patient', 'Patient.search'],
    ['POST', '/fhir/Patient', 'Patient.create'],
    ['POST', '/fhir/Patient/$match', 'Patient.$match'],
    ['GET', '/fhir/Patient/:id/$everything', 'Patient.$everything'],
    ['POST', '/fhir/Patient/_search', 'Patient.search'],
    ['PUT', '/fhir/Consent/:id', 'Consent.update'],
    ['DELETE', '/fhir/Consent/:id', 'Consent.delete'],
    ['POST', '/audit/$verify', 'audit.$verify'],
    ['POST', '/governance/alerts/:id/$review', 'governance.alerts.$review'],
    ['GET', '/governance/alerts', 'governance.alerts.get'],
    ['POST', '/identity/match-reviews/:id/resolve', 'identity.match-reviews.resolve.post'],
    ['GET', '(unmatched)', 'unmatched'],
  ])('%s %s is %s', (method, route, operation) => {
    expect(operationOf(method, route)).toBe(operation);
  });
});

describe('purposeOf', () => {
  const as = (role: Principal['role']): Principal => ({ ...practitioner, role });
  it.each([
    [as('practitioner'), 'GET', 'direct-care'],
    [as('system'), 'GET', 'direct-care'],
    [as('system'), 'POST', 'integration'],
    [as('individual'), 'GET', 'own-record'],
    [as('carer'), 'GET', 'carer-access'],
    [as('ig-officer'), 'GET', 'governance'],
    [as('admin'), 'POST', 'administration'],
    [undefined, 'GET', 'direct-care'],
  ] as const)('%j %s is %s', (principal, method, purpose) => {
    expect(purposeOf(principal, method)).toBe(purpose);
  });
});

describe('outcomeOf', () => {
  it.each([
    [200, undefined, 'permitted'],
    [201, undefined, 'permitted'],
    [304, undefined, 'permitted'],
    [200, 'filtered', 'filtered'],
    [401, undefined, 'denied'],
    [403, undefined, 'denied'],
    [404, 'denied', 'denied'],
    [400, undefined, 'failed'],
    [404, undefined, 'failed'],
    [422, 'permitted', 'failed'],
    [503, 'permitted', 'failed'],
    [403, 'permitted', 'denied'],
  ] as const)('%i decided %s is %s', (status, decided, outcome) => {
    expect(outcomeOf(status, decided)).toBe(outcome);
  });
});

describe('agentOf', () => {
  it('names an unknown caller anonymous at UNKNOWN', () => {
    expect(agentOf(undefined)).toEqual({ subject: 'anonymous', role: 'anonymous', organisation: 'UNKNOWN' });
  });

  it('keeps the professional role, cut to what the record holds', () => {
    expect(agentOf({ ...practitioner, professionalRole: 'R'.repeat(100) }).professionalRole).toHaveLength(64);
  });
});

describe('buildAuditRecord', () => {
  it('builds a record the contract accepts', () => {
    const record = buildAuditRecord(
      finished({
        facts: facts({
          personIds: new Set([PERSON]),
          entities: [{ resourceType: 'Patient', id: PERSON }],
          basis: 'care-relationship',
        }),
        sourceAddress: '127.0.0.1',
        traceId: 'a'.repeat(32),
      }),
    );
    expect(validateEventData(AuditRecordV1Event, record)).toEqual([]);
    expect(record).toEqual({
      recordId: '11111111-2222-4333-8444-555555555555',
      recordedAt: '2026-11-26T10:00:00.000Z',
      agent: { subject: 'dr-jones', role: 'practitioner', organisation: 'RX1' },
      action: 'R',
      operation: 'Patient.read',
      method: 'GET',
      route: '/fhir/Patient/:id',
      personIds: [PERSON],
      entities: [{ resourceType: 'Patient', id: PERSON }],
      purposeOfUse: 'direct-care',
      basis: 'care-relationship',
      outcome: 'permitted',
      status: 200,
      sourceAddress: '127.0.0.1',
      traceId: 'a'.repeat(32),
    });
  });

  it('prefers the handler’s facts over what the route implies', () => {
    const record = buildAuditRecord(
      finished({
        facts: facts({
          operation: 'Patient.$everything',
          purposeOfUse: 'emergency',
          breakGlassReason: 'unconscious in ED',
          outcome: 'filtered',
          outcomeDetail: 'sealed-category',
        }),
      }),
    );
    expect(record).toMatchObject({
      operation: 'Patient.$everything',
      purposeOfUse: 'emergency',
      breakGlassReason: 'unconscious in ED',
      outcome: 'filtered',
      outcomeDetail: 'sealed-category',
    });
  });

  it('takes the error’s issue code as the detail of a refusal', () => {
    const record = buildAuditRecord(finished({ principal: undefined, status: 401, issueCode: 'login' }));
    expect(record).toMatchObject({ outcome: 'denied', outcomeDetail: 'login', agent: { role: 'anonymous' } });
    expect(validateEventData(AuditRecordV1Event, record)).toEqual([]);
  });

  it('ignores an issue code on a success', () => {
    expect(buildAuditRecord(finished({ issueCode: 'informational' })).outcomeDetail).toBeUndefined();
  });

  it('lists each entity once, withheld if it was withheld anywhere', () => {
    const record = buildAuditRecord(
      finished({
        facts: facts({
          entities: [
            { resourceType: 'Observation', id: 'o1' },
            { resourceType: 'Observation', id: 'o1', withheld: true },
            { resourceType: 'Observation', id: 'o2' },
          ],
        }),
      }),
    );
    expect(record.entities).toEqual([
      { resourceType: 'Observation', id: 'o1', withheld: true },
      { resourceType: 'Observation', id: 'o2' },
    ]);
  });

  it('keeps long free text within the contract’s limits', () => {
    const record = buildAuditRecord(
      finished({ facts: facts({ breakGlassReason: 'x'.repeat(5000) }), route: `/${'r'.repeat(400)}` }),
    );
    expect(validateEventData(AuditRecordV1Event, record)).toEqual([]);
  });
});
