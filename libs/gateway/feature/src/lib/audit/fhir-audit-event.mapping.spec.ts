import type { AuditEventV1, AuditRecordV1 } from '@ilinks/audit/contracts';
import { auditEventBundleOf, fhirAuditEventOf, plainWordsOf } from './fhir-audit-event.mapping';

const PERSON = '0b7c6f1e-5d0a-4c3e-9f4b-2a1d8e6c7b90';

function record(changes: Partial<AuditRecordV1> = {}): AuditRecordV1 {
  return {
    recordId: '11111111-2222-4333-8444-555555555555',
    recordedAt: '2026-11-26T10:00:00.000Z',
    agent: { subject: 'dr-jones', role: 'practitioner', organisation: 'RX1', professionalRole: 'R8000' },
    action: 'R',
    operation: 'Patient.read',
    method: 'GET',
    route: '/fhir/Patient/:id',
    personIds: [PERSON],
    entities: [{ resourceType: 'AllergyIntolerance', id: 'a1', withheld: true }],
    purposeOfUse: 'direct-care',
    outcome: 'permitted',
    status: 200,
    sourceAddress: '10.0.0.1',
    ...changes,
  };
}

const event = (changes: Partial<AuditRecordV1> = {}): AuditEventV1 => ({
  record: record(changes),
  sequence: 3,
  hash: 'b'.repeat(64),
  previousHash: 'a'.repeat(64),
});

describe('plainWordsOf', () => {
  it.each([
    [{}, 'A practitioner at organisation RX1 read your record for direct care.'],
    [
      { outcome: 'denied' as const },
      'A practitioner at organisation RX1 tried to read your record for direct care, and was refused.',
    ],
    [
      { outcome: 'failed' as const },
      'A practitioner at organisation RX1 tried to read your record for direct care, but the request did not succeed.',
    ],
    [
      { outcome: 'filtered' as const },
      'A practitioner at organisation RX1 read your record for direct care; some parts were withheld from them.',
    ],
    [
      {
        agent: { subject: 'pas', role: 'system' as const, organisation: 'RBS' },
        action: 'C' as const,
        purposeOfUse: 'integration' as const,
      },
      'A partner system at organisation RBS added to your record to share information from their systems.',
    ],
    [
      {
        agent: { subject: 'me', role: 'individual' as const, organisation: 'ILINKS' },
        purposeOfUse: 'own-record' as const,
      },
      'You read your record as their own record.',
    ],
    [
      {
        agent: { subject: 'anonymous', role: 'anonymous' as const, organisation: 'UNKNOWN' },
        outcome: 'denied' as const,
      },
      'Someone who could not be identified tried to read your record for direct care, and was refused.',
    ],
  ])('%j reads "%s"', (changes, words) => {
    expect(plainWordsOf(record(changes), 'individual')).toBe(words);
  });

  it('says break-glass in plain words and never quotes the stated reason', () => {
    const words = plainWordsOf(
      record({ purposeOfUse: 'emergency', breakGlassReason: 'Jane collapsed', breakGlassGrantId: PERSON }),
      'individual',
    );
    expect(words).toContain('in an emergency, without an existing care relationship (break-glass)');
    expect(words).not.toContain('Jane');
  });

  it('speaks of the person’s record to governance', () => {
    expect(plainWordsOf(record(), 'governance')).toBe(
      "A practitioner at organisation RX1 read the person's record for direct care.",
    );
  });
});

describe('fhirAuditEventOf', () => {
  it('shapes a read as an IHE BALP AuditEvent', () => {
    const resource = fhirAuditEventOf(event(), 'governance');
    expect(resource).toMatchObject({
      resourceType: 'AuditEvent',
      id: '11111111-2222-4333-8444-555555555555',
      type: { code: 'rest' },
      subtype: [{ code: 'read' }, { code: 'Patient.read' }],
      action: 'R',
      recorded: '2026-11-26T10:00:00.000Z',
      outcome: '0',
      purposeOfEvent: [{ coding: [{ code: 'TREAT' }] }],
      source: { site: '/fhir/Patient/:id', observer: { display: 'iLINKS gateway' } },
    });
    expect(resource.agent[0]).toMatchObject({
      who: { identifier: { value: 'dr-jones' } },
      requestor: true,
      network: { address: '10.0.0.1', type: '2' },
    });
    expect(resource.agent[1]).toMatchObject({ who: { identifier: { value: 'RX1' } }, requestor: false });
    expect(resource.entity).toEqual([
      expect.objectContaining({
        what: { reference: `Patient/${PERSON}` },
        role: expect.objectContaining({ code: '1' }),
      }),
      expect.objectContaining({
        what: { reference: 'AllergyIntolerance/a1' },
        description: 'withheld from the requester by the access decision',
      }),
    ]);
  });

  it('shows an individual the role and organisation, not the staff account or address', () => {
    const resource = fhirAuditEventOf(event(), 'individual');
    expect(resource.agent[0]?.who).toEqual({ display: 'A practitioner' });
    expect(resource.agent[0]?.network).toBeUndefined();
    expect(JSON.stringify(resource)).not.toContain('dr-jones');
    expect(JSON.stringify(resource)).not.toContain('R8000');
  });

  it.each([
    [{ outcome: 'denied' as const, status: 403 }, '4'],
    [{ outcome: 'failed' as const, status: 400 }, '4'],
    [{ outcome: 'failed' as const, status: 502 }, '8'],
    [{ outcome: 'filtered' as const }, '0'],
  ])('%j has FHIR outcome %s', (changes, outcome) => {
    expect(fhirAuditEventOf(event(changes), 'governance').outcome).toBe(outcome);
  });

  it.each([
    [{ action: 'C' as const, operation: 'Patient.create', method: 'POST' }, 'create'],
    [{ action: 'E' as const, operation: 'Patient.$match', method: 'POST' }, 'operation'],
    [{ operation: 'Patient.search' }, 'search-type'],
    [{ action: 'U' as const, operation: 'Consent.update' }, 'update'],
    [{ action: 'D' as const, operation: 'Consent.delete' }, 'delete'],
  ])('%j is the restful interaction %s', (changes, code) => {
    expect(fhirAuditEventOf(event(changes), 'governance').subtype[0]?.code).toBe(code);
  });

  it('adds BTG to the purposes of a break-glass access', () => {
    const resource = fhirAuditEventOf(
      event({ purposeOfUse: 'emergency', breakGlassGrantId: PERSON }),
      'governance',
    );
    expect(resource.purposeOfEvent[0]?.coding.map((coding) => coding.code)).toEqual(['ETREAT', 'BTG']);
  });

  it('escapes the narrative', () => {
    const resource = fhirAuditEventOf(event(), 'governance');
    expect(resource.text.div).toBe(
      '<div xmlns="http://www.w3.org/1999/xhtml"><p>A practitioner at organisation RX1 read the person&#39;s record for direct care.</p></div>',
    );
  });
});

describe('auditEventBundleOf', () => {
  it('links to the next page only when there is one', () => {
    const next = (cursor: string): string => `https://x/fhir/AuditEvent?_cursor=${cursor}`;
    const last = auditEventBundleOf(
      { items: [event()] },
      'governance',
      'https://x/fhir',
      'https://x/self',
      next,
    );
    expect(last.link).toEqual([{ relation: 'self', url: 'https://x/self' }]);
    expect(last.entry[0]?.fullUrl).toBe('https://x/fhir/AuditEvent/11111111-2222-4333-8444-555555555555');
    const more = auditEventBundleOf(
      { items: [], nextCursor: 'c2' },
      'governance',
      'https://x/fhir',
      'https://x/self',
      next,
    );
    expect(more.link[1]).toEqual({ relation: 'next', url: 'https://x/fhir/AuditEvent?_cursor=c2' });
  });
});
