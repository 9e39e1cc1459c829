import { binaryOfLetter, communicationOfLetter, documentReferenceOfLetter } from './fhir-letter.render';
import { ATTACHMENT_SHA256_EXTENSION, LETTER_KIND_SYSTEM, TEAM_SYSTEM } from './letter-fhir.systems';
import { copyV1, LETTER_ID, letterV1, SHA256 } from './letter.testing';
import { PERSON_ID } from '../patient/person-view.testing';

const OTHER_LETTER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('communicationOfLetter', () => {
  it('renders the sending as stored', () => {
    expect(communicationOfLetter(letterV1())).toEqual({
      resourceType: 'Communication',
      id: LETTER_ID,
      meta: { lastUpdated: '2026-11-26T10:00:00.000Z' },
      identifier: [{ value: 'DS-2026-0001' }],
      status: 'completed',
      category: [{ coding: [{ system: LETTER_KIND_SYSTEM, code: 'discharge-summary' }] }],
      subject: { reference: `Patient/${PERSON_ID}` },
      topic: { text: 'Discharge summary: cardiology ward' },
      sent: '2026-11-26T10:00:00.000Z',
      sender: {
        type: 'Organization',
        identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'RBS' },
      },
      recipient: [
        {
          type: 'Organization',
          identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'Y12345' },
        },
        { type: 'CareTeam', identifier: { system: TEAM_SYSTEM, value: 'RY8/district-nursing' } },
      ],
      payload: [
        {
          contentReference: {
            reference: `DocumentReference/${LETTER_ID}`,
            display: 'Discharge summary: cardiology ward',
          },
        },
      ],
      note: [{ text: 'Please review the medication changes.' }],
    });
  });

  it('leaves forwarded copies, a missing note and partner id out', () => {
    const forwarded = copyV1(
      { organisation: 'A81001' },
      {
        forwardedFrom: {
          copyId: 'copy-Y12345-org',
          by: { subject: 'gp-7', role: 'practitioner', organisation: 'Y12345' },
          note: 'For the pharmacist.',
          forwardedAt: '2026-11-27T10:00:00.000Z',
        },
      },
    );
    const letter = letterV1({ note: undefined, partnerDocumentId: undefined });
    const resource = communicationOfLetter({ ...letter, copies: [...letter.copies, forwarded] });
    expect(resource['recipient']).toHaveLength(2);
    expect(resource).not.toHaveProperty('note');
    expect(resource).not.toHaveProperty('identifier');
  });
});

describe('documentReferenceOfLetter', () => {
  it('renders status, type, the attachment by Binary url with its SHA-256, and no hash', () => {
    const resource = documentReferenceOfLetter(letterV1());
    expect(resource).toMatchObject({
      resourceType: 'DocumentReference',
      id: LETTER_ID,
      masterIdentifier: { value: 'DS-2026-0001' },
      status: 'current',
      type: { coding: [{ system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' }] },
      author: [{ display: 'Dr A Khan, Cardiology' }],
      description: 'Discharge summary: cardiology ward',
      content: [
        {
          attachment: {
            extension: [{ url: ATTACHMENT_SHA256_EXTENSION, valueString: SHA256 }],
            contentType: 'application/pdf',
            url: `Binary/${LETTER_ID}`,
            size: 21,
            title: 'discharge.pdf',
          },
        },
      ],
    });
    expect(JSON.stringify(resource)).not.toContain('"hash"');
    expect(resource).not.toHaveProperty('relatesTo');
  });

  it('renders a superseded letter and a correction that replaces one', () => {
    expect(documentReferenceOfLetter(letterV1({ status: 'superseded' }))['status']).toBe('superseded');
    expect(
      documentReferenceOfLetter(letterV1({ supersedes: OTHER_LETTER, version: 2 }))['relatesTo'],
    ).toEqual([{ code: 'replaces', target: { reference: `DocumentReference/${OTHER_LETTER}` } }]);
  });
});

describe('binaryOfLetter', () => {
  it('renders the bytes as a Binary', () => {
    const content = { contentType: 'text/plain' as const, size: 5, sha256: SHA256, data: 'aGVsbG8=' };
    expect(binaryOfLetter(LETTER_ID, content)).toEqual({
      resourceType: 'Binary',
      id: LETTER_ID,
      contentType: 'text/plain',
      data: 'aGVsbG8=',
    });
  });
});
