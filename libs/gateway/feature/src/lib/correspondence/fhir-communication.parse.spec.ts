import type { ValidationError } from '@ilinks/shared/kernel';
import { communicationFromFhir } from './fhir-communication.parse';
import { LETTER_KIND_SYSTEM, ODS_ORGANISATION_SYSTEM, TEAM_SYSTEM } from './letter-fhir.systems';
import { BY_NHS_NUMBER, dischargeCommunication, PDF_BASE64, RBS_PAS } from './letter-examples.testing';

const LETTER_ID = '3f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

/** The paths of the issues the reading refused with. */
function refusedAt(body: unknown): string[] {
  try {
    communicationFromFhir(body);
  } catch (error) {
    return (error as ValidationError).issues.map((issue) => issue.path);
  }
  throw new Error('the Communication was accepted');
}

const documentOf = (changes: Record<string, unknown>) => {
  const contained = (dischargeCommunication()['contained'] as Record<string, unknown>[])[0];
  return [{ ...contained, ...changes }];
};

describe('communicationFromFhir', () => {
  it('reads the patient, recipients, kind, title, note and the contained document', () => {
    const { patient, letter } = communicationFromFhir(dischargeCommunication());
    expect(patient).toEqual({ by: 'local-identifier', system: RBS_PAS, value: 'RBS0012345' });
    expect(letter).toMatchObject({
      kind: 'discharge-summary',
      type: { system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' },
      title: 'Discharge summary: cardiology ward',
      note: 'Please review the medication changes.',
      author: 'Dr A Khan, Cardiology',
      partnerDocumentId: 'DS-2026-0001',
      attachment: { contentType: 'application/pdf', data: PDF_BASE64, title: 'discharge.pdf' },
      recipients: [
        { organisation: 'Y12345' },
        { organisation: 'RY8', team: 'district-nursing' },
        { organisation: 'Y12345', practitioner: 'gp-7' },
      ],
    });
  });

  it('keeps the DocumentReference without the attachment bytes', () => {
    const { letter } = communicationFromFhir(dischargeCommunication());
    expect(letter.documentReference).toMatchObject({ resourceType: 'DocumentReference', id: 'doc' });
    expect(JSON.stringify(letter.documentReference)).not.toContain(PDF_BASE64);
  });

  it('reads an NHS number (spaces removed) and a Patient/<person id> reference', () => {
    expect(communicationFromFhir(dischargeCommunication({ subject: BY_NHS_NUMBER })).patient).toEqual({
      by: 'nhs-number',
      nhsNumber: '9434765919',
    });
    const byId = dischargeCommunication({ subject: { reference: `Patient/${LETTER_ID.toUpperCase()}` } });
    expect(communicationFromFhir(byId).patient).toEqual({ by: 'person-id', personId: LETTER_ID });
  });

  it('reads a correction from relatesTo replaces', () => {
    const body = dischargeCommunication({
      contained: documentOf({
        relatesTo: [{ code: 'replaces', target: { reference: `DocumentReference/${LETTER_ID}` } }],
      }),
    });
    expect(communicationFromFhir(body).letter.supersedes).toBe(LETTER_ID);
  });

  it('falls back to the identifier, the attachment title and the category for id, title and kind', () => {
    const body = dischargeCommunication({
      contained: documentOf({
        masterIdentifier: undefined,
        identifier: [{ value: 'DOC-9' }],
        description: undefined,
        type: undefined,
        category: [{ coding: [{ system: LETTER_KIND_SYSTEM, code: 'record-extract' }] }],
      }),
    });
    expect(communicationFromFhir(body).letter).toMatchObject({
      partnerDocumentId: 'DOC-9',
      title: 'discharge.pdf',
      kind: 'record-extract',
    });
  });

  it('answers other for an unknown type and no category', () => {
    const body = dischargeCommunication({
      contained: documentOf({ type: { coding: [{ system: 'http://loinc.org', code: '00000-0' }] } }),
    });
    expect(communicationFromFhir(body).letter.kind).toBe('other');
  });

  it('reads an attachment sent directly, with kind from category and title from topic', () => {
    const body = dischargeCommunication({
      contained: undefined,
      identifier: [{ value: 'REF-1' }],
      category: [{ coding: [{ system: 'http://loinc.org', code: '57133-1' }] }],
      topic: { text: 'Referral to cardiology' },
      payload: [{ contentAttachment: { contentType: 'text/plain', data: 'aGVsbG8=' } }],
    });
    expect(communicationFromFhir(body).letter).toMatchObject({
      kind: 'referral',
      title: 'Referral to cardiology',
      partnerDocumentId: 'REF-1',
      type: { system: 'http://loinc.org', code: '57133-1' },
      attachment: { contentType: 'text/plain', data: 'aGVsbG8=' },
    });
  });

  describe('refuses with the expression of every bad element', () => {
    it('not a Communication', () => {
      expect(refusedAt({ resourceType: 'Patient' })).toEqual(['Communication.resourceType']);
      expect(refusedAt([])).toEqual(['Communication.resourceType']);
    });

    it('no subject, a bad NHS number, a reference that is not a person id', () => {
      expect(refusedAt(dischargeCommunication({ subject: undefined }))).toEqual(['Communication.subject']);
      expect(
        refusedAt(
          dischargeCommunication({
            subject: { identifier: { system: BY_NHS_NUMBER.identifier.system, value: '1234567890' } },
          }),
        ),
      ).toEqual(['Communication.subject.identifier.value']);
      expect(refusedAt(dischargeCommunication({ subject: { reference: 'Patient/RBS0012345' } }))).toEqual([
        'Communication.subject.reference',
      ]);
      expect(refusedAt(dischargeCommunication({ subject: { identifier: { value: 'x' } } }))).toEqual([
        'Communication.subject.identifier.system',
      ]);
    });

    it('no recipient', () => {
      expect(refusedAt(dischargeCommunication({ recipient: [] }))).toEqual(['Communication.recipient']);
      expect(refusedAt(dischargeCommunication({ recipient: undefined }))).toEqual([
        'Communication.recipient',
      ]);
    });

    it('a recipient by reference only, an unknown system, a bad ODS code, a wrong type, a repeat', () => {
      const body = dischargeCommunication({
        recipient: [
          { reference: 'Organization/1' },
          { identifier: { system: 'https://example.org/Id/org', value: 'Y12345' } },
          { identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'not ods' } },
          { type: 'Organization', identifier: { system: TEAM_SYSTEM, value: 'RBS/ward-1' } },
          { identifier: { system: TEAM_SYSTEM, value: 'district-nursing' } },
          { identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'Y12345' } },
          { identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'Y12345' } },
        ],
      });
      expect(refusedAt(body)).toEqual([
        'Communication.recipient[0].identifier',
        'Communication.recipient[1].identifier.system',
        'Communication.recipient[2].identifier.value',
        'Communication.recipient[3].type',
        'Communication.recipient[4].identifier.value',
        'Communication.recipient[6]',
      ]);
    });

    it('more than 20 recipients', () => {
      const recipient = Array.from({ length: 21 }, (_, index) => ({
        identifier: { system: ODS_ORGANISATION_SYSTEM, value: `ORG${index}` },
      }));
      expect(refusedAt(dischargeCommunication({ recipient }))).toEqual(['Communication.recipient']);
    });

    it('no payload, an unresolvable contentReference, a payload with neither form', () => {
      expect(refusedAt(dischargeCommunication({ payload: undefined }))).toEqual(['Communication.payload[0]']);
      expect(
        refusedAt(dischargeCommunication({ payload: [{ contentReference: { reference: '#other' } }] })),
      ).toEqual(['Communication.payload[0].contentReference.reference']);
      expect(refusedAt(dischargeCommunication({ payload: [{ contentString: 'hello' }] }))).toEqual([
        'Communication.payload[0]',
      ]);
    });

    it('no attachment, no data, no content type', () => {
      expect(refusedAt(dischargeCommunication({ contained: documentOf({ content: [] }) }))).toEqual([
        'Communication.contained[0].content[0].attachment',
      ]);
      expect(
        refusedAt(
          dischargeCommunication({ contained: documentOf({ content: [{ attachment: { title: 'x' } }] }) }),
        ),
      ).toEqual([
        'Communication.contained[0].content[0].attachment.contentType',
        'Communication.contained[0].content[0].attachment.data',
      ]);
    });

    it('no title, a title too long', () => {
      const untitled = documentOf({
        description: undefined,
        content: [{ attachment: { contentType: 'application/pdf', data: PDF_BASE64 } }],
      });
      expect(refusedAt(dischargeCommunication({ contained: untitled }))).toEqual([
        'Communication.contained[0].description',
      ]);
      expect(
        refusedAt(dischargeCommunication({ contained: documentOf({ description: 'x'.repeat(201) }) })),
      ).toEqual(['Communication.contained[0].description']);
    });

    it('a correction of something that is not a letter', () => {
      const body = dischargeCommunication({
        contained: documentOf({ relatesTo: [{ code: 'replaces', target: { reference: 'Binary/1' } }] }),
      });
      expect(refusedAt(body)).toEqual(['Communication.contained[0].relatesTo[0].target.reference']);
    });

    it('a note too long or without text', () => {
      expect(refusedAt(dischargeCommunication({ note: [{ text: 'x'.repeat(2001) }] }))).toEqual([
        'Communication.note',
      ]);
      expect(refusedAt(dischargeCommunication({ note: [{}] }))).toEqual(['Communication.note[0].text']);
    });

    it('every problem at once', () => {
      expect(refusedAt(dischargeCommunication({ subject: undefined, recipient: [], payload: [] }))).toEqual([
        'Communication.subject',
        'Communication.recipient',
        'Communication.payload[0]',
      ]);
    });
  });
});
