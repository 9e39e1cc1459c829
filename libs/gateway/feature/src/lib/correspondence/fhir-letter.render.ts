import type { AttachmentContentV1, LetterV1 } from '@ilinks/correspondence/contracts';
import {
  ATTACHMENT_SHA256_EXTENSION,
  LETTER_KIND_SYSTEM,
  ODS_ORGANISATION_SYSTEM,
  referenceOfRecipient,
} from './letter-fhir.systems';

type FhirResource = Readonly<Record<string, unknown>>;

const kindConcept = (letter: LetterV1) => ({ coding: [{ system: LETTER_KIND_SYSTEM, code: letter.kind }] });
const senderOf = (letter: LetterV1) => ({
  type: 'Organization',
  identifier: { system: ODS_ORGANISATION_SYSTEM, value: letter.sentBy.organisation },
});
const patientOf = (letter: LetterV1) => ({ reference: `Patient/${letter.subject.personId}` });
const partnerIdOf = (letter: LetterV1) =>
  letter.partnerDocumentId === undefined ? {} : { value: letter.partnerDocumentId };

/**
 * The sending as stored: `Communication/<letter id>`, completed, with the recipients it was sent to
 * (forwarded copies are the recipients' own doing, not the sender's) and the document by reference.
 */
export function communicationOfLetter(letter: LetterV1): FhirResource {
  const partnerId = partnerIdOf(letter);
  return {
    resourceType: 'Communication',
    id: letter.letterId,
    meta: { lastUpdated: letter.sentAt },
    ...(letter.partnerDocumentId === undefined ? {} : { identifier: [partnerId] }),
    status: 'completed',
    category: [kindConcept(letter)],
    subject: patientOf(letter),
    topic: { text: letter.title },
    sent: letter.sentAt,
    sender: senderOf(letter),
    recipient: letter.copies
      .filter((copy) => copy.forwardedFrom === undefined)
      .map((copy) => referenceOfRecipient(copy.recipient)),
    payload: [
      { contentReference: { reference: `DocumentReference/${letter.letterId}`, display: letter.title } },
    ],
    ...(letter.note === undefined ? {} : { note: [{ text: letter.note }] }),
  };
}

/**
 * The document: current or superseded, the correction it replaces, and the attachment by
 * `Binary/<letter id>` with its SHA-256 in our extension (FHIR's `hash` is SHA-1, so left out).
 */
export function documentReferenceOfLetter(letter: LetterV1): FhirResource {
  const { attachment } = letter;
  return {
    resourceType: 'DocumentReference',
    id: letter.letterId,
    meta: { lastUpdated: letter.sentAt },
    ...(letter.partnerDocumentId === undefined ? {} : { masterIdentifier: partnerIdOf(letter) }),
    status: letter.status,
    docStatus: 'final',
    ...(letter.type === undefined ? {} : { type: { coding: [letter.type] } }),
    category: [kindConcept(letter)],
    subject: patientOf(letter),
    date: letter.sentAt,
    ...(letter.author === undefined ? {} : { author: [{ display: letter.author }] }),
    custodian: senderOf(letter),
    ...(letter.supersedes === undefined
      ? {}
      : {
          relatesTo: [{ code: 'replaces', target: { reference: `DocumentReference/${letter.supersedes}` } }],
        }),
    description: letter.title,
    content: [
      {
        attachment: {
          extension: [{ url: ATTACHMENT_SHA256_EXTENSION, valueString: attachment.sha256 }],
          contentType: attachment.contentType,
          url: `Binary/${letter.letterId}`,
          size: attachment.size,
          ...(attachment.title === undefined ? {} : { title: attachment.title }),
          creation: letter.sentAt,
        },
      },
    ],
  };
}

/** The attachment as a FHIR Binary (`Accept: application/fhir+json`). */
export function binaryOfLetter(letterId: string, content: AttachmentContentV1): FhirResource {
  return { resourceType: 'Binary', id: letterId, contentType: content.contentType, data: content.data };
}
