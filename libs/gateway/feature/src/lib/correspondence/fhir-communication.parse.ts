import type {
  AttachmentUploadV1,
  CodingV1,
  LetterKindV1,
  LetterRecipientV1,
  SendLetterRequestV1,
} from '@ilinks/correspondence/contracts';
import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { isJsonObject, type JsonObject, listAt, problemCount } from '../patient/fhir-json';
import { type PatientReference, patientReferenceAt } from '../patient/patient-reference.fhir';
import {
  isRecipientSystem,
  LETTER_KIND_SYSTEM,
  ODS_ORGANISATION_SYSTEM,
  PRACTITIONER_SYSTEM,
  recipientOfIdentifier,
  recipientTypeOf,
  TEAM_SYSTEM,
} from './letter-fhir.systems';
import { letterKindOf } from './letter-kind';

/** A letter as read from FHIR: everything but whom it is about and who sends it. */
export type LetterDraft = Omit<SendLetterRequestV1, 'subject' | 'sentBy'>;

export interface CommunicationReading {
  readonly patient: PatientReference;
  readonly letter: LetterDraft;
}

export const MAX_RECIPIENTS = 20;
export const MAX_TITLE = 200;
export const MAX_NOTE = 2000;
const MAX_PARTNER_ID = 256;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LETTER_REFERENCE = /^DocumentReference\/([^/]+)$/;
const RECIPIENT_SYSTEMS = `${ODS_ORGANISATION_SYSTEM}, ${TEAM_SYSTEM} or ${PRACTITIONER_SYSTEM}`;

/** What the document part of a Communication gives. */
interface DocumentReading {
  readonly kind: LetterKindV1;
  readonly type?: CodingV1;
  readonly title?: string;
  readonly attachment?: AttachmentUploadV1;
  readonly partnerDocumentId?: string;
  readonly supersedes?: string;
  readonly author?: string;
  readonly documentReference?: JsonObject;
}

/**
 * Reads a FHIR R4 Communication that sends a letter: the patient, the recipients (by identifier),
 * the document (a contained DocumentReference, or an attachment directly) and the covering note.
 * Throws one `ValidationError` naming every bad element by its FHIRPath expression.
 */
export function communicationFromFhir(body: unknown): CommunicationReading {
  if (!isJsonObject(body) || body['resourceType'] !== 'Communication') {
    throw new ValidationError('the Communication is invalid (1 problem)', [
      { path: 'Communication.resourceType', message: 'the body must be a FHIR Communication' },
    ]);
  }
  const issues: Issue[] = [];
  const patient = patientReferenceAt(body, 'Communication.subject', issues);
  const recipients = recipientsOf(body, issues);
  const document = documentOf(body, issues);
  const note = noteOf(body, issues);
  if (issues.length > 0 || patient === undefined || document.attachment === undefined || !document.title) {
    throw new ValidationError(`the Communication is invalid (${problemCount(issues)})`, issues);
  }
  return {
    patient,
    letter: {
      kind: document.kind,
      ...(document.type === undefined ? {} : { type: document.type }),
      title: document.title,
      ...(note === undefined ? {} : { note }),
      ...(document.author === undefined ? {} : { author: document.author }),
      recipients,
      attachment: document.attachment,
      ...(document.partnerDocumentId === undefined ? {} : { partnerDocumentId: document.partnerDocumentId }),
      ...(document.supersedes === undefined ? {} : { supersedes: document.supersedes }),
      ...(document.documentReference === undefined ? {} : { documentReference: document.documentReference }),
    },
  };
}

function recipientsOf(body: JsonObject, issues: Issue[]): LetterRecipientV1[] {
  const path = 'Communication.recipient';
  const listed = listAt(body, 'recipient', path, issues);
  if (body['recipient'] !== undefined && !Array.isArray(body['recipient'])) return [];
  if (listed.length === 0) {
    issues.push({
      path,
      message: `${path} is required: at least one Organization, CareTeam or PractitionerRole`,
    });
    return [];
  }
  if (listed.length > MAX_RECIPIENTS) {
    issues.push({ path, message: `${path} may name at most ${MAX_RECIPIENTS} recipients` });
  }
  const recipients: LetterRecipientV1[] = [];
  const seen = new Set<string>();
  listed.forEach((item, index) => {
    const recipient = recipientOf(item, `${path}[${index}]`, issues);
    if (recipient === undefined) return;
    const key = [recipient.organisation, recipient.team ?? '', recipient.practitioner ?? ''].join('|');
    if (seen.has(key)) {
      issues.push({
        path: `${path}[${index}]`,
        message: `${path}[${index}] names a recipient already named`,
      });
      return;
    }
    seen.add(key);
    recipients.push(recipient);
  });
  return recipients;
}

function recipientOf(item: unknown, path: string, issues: Issue[]): LetterRecipientV1 | undefined {
  const identifier = isJsonObject(item) ? item['identifier'] : undefined;
  if (!isJsonObject(item) || !isJsonObject(identifier)) {
    issues.push({
      path: `${path}.identifier`,
      message: `${path} must name the recipient by identifier (${RECIPIENT_SYSTEMS})`,
    });
    return undefined;
  }
  const system = identifier['system'];
  const value = identifier['value'];
  if (typeof system !== 'string' || !isRecipientSystem(system)) {
    issues.push({
      path: `${path}.identifier.system`,
      message: `${path}.identifier.system must be ${RECIPIENT_SYSTEMS}`,
    });
    return undefined;
  }
  const type = item['type'];
  if (type !== undefined && type !== recipientTypeOf(system)) {
    issues.push({
      path: `${path}.type`,
      message: `${path}.type must be ${recipientTypeOf(system)} for this identifier system`,
    });
    return undefined;
  }
  const recipient = typeof value === 'string' ? recipientOfIdentifier(system, value.trim()) : undefined;
  if (recipient === undefined || 'problem' in recipient) {
    issues.push({
      path: `${path}.identifier.value`,
      message: `${path}.identifier.value ${recipient?.problem ?? 'is required'}`,
    });
    return undefined;
  }
  return recipient;
}

function noteOf(body: JsonObject, issues: Issue[]): string | undefined {
  const notes = listAt(body, 'note', 'Communication.note', issues);
  const texts = notes.flatMap((note, index) => {
    const text = isJsonObject(note) ? note['text'] : undefined;
    if (typeof text === 'string' && text.trim() !== '') return [text.trim()];
    issues.push({
      path: `Communication.note[${index}].text`,
      message: `Communication.note[${index}].text is required`,
    });
    return [];
  });
  const note = texts.join('\n\n');
  if (note.length > MAX_NOTE) {
    issues.push({
      path: 'Communication.note',
      message: `Communication.note may hold at most ${MAX_NOTE} characters`,
    });
  }
  return note === '' ? undefined : note;
}

function documentOf(body: JsonObject, issues: Issue[]): DocumentReading {
  const path = 'Communication.payload';
  const payload = listAt(body, 'payload', path, issues);
  const first = payload[0];
  const none: DocumentReading = { kind: 'other' };
  if (!isJsonObject(first)) {
    issues.push({
      path: `${path}[0]`,
      message: `${path}[0] is required: a contentReference to a contained DocumentReference, or a contentAttachment`,
    });
    return none;
  }
  const contentReference = first['contentReference'];
  if (isJsonObject(contentReference)) return containedDocumentOf(body, contentReference, issues);
  const attachment = first['contentAttachment'];
  if (isJsonObject(attachment))
    return attachedDocumentOf(body, attachment, `${path}[0].contentAttachment`, issues);
  issues.push({
    path: `${path}[0]`,
    message: `${path}[0] must hold a contentReference (#<contained DocumentReference id>) or a contentAttachment`,
  });
  return none;
}

/** `payload[0].contentAttachment`: kind and type from `Communication.category`, title from `topic`. */
function attachedDocumentOf(
  body: JsonObject,
  attachment: JsonObject,
  path: string,
  issues: Issue[],
): DocumentReading {
  const categories = codingsOfConcepts(body['category']);
  const type = categories.find((coding) => coding.system !== LETTER_KIND_SYSTEM);
  const topic = isJsonObject(body['topic']) ? body['topic']['text'] : undefined;
  const upload = attachmentOf(attachment, path, issues);
  const title = titleOf(
    typeof topic === 'string' ? topic : upload?.title,
    'Communication.topic.text',
    'a letter needs a title: Communication.topic.text or the attachment title',
    issues,
  );
  const partnerDocumentId = partnerIdOf(body['identifier'], 'Communication.identifier', issues);
  return {
    kind: letterKindOf(categories, categories),
    ...(type === undefined ? {} : { type }),
    ...(title === undefined ? {} : { title }),
    ...(upload === undefined ? {} : { attachment: upload }),
    ...(partnerDocumentId === undefined ? {} : { partnerDocumentId }),
  };
}

function containedDocumentOf(
  body: JsonObject,
  contentReference: JsonObject,
  issues: Issue[],
): DocumentReading {
  const path = 'Communication.payload[0].contentReference.reference';
  const reference = contentReference['reference'];
  const contained = Array.isArray(body['contained']) ? (body['contained'] as readonly unknown[]) : [];
  const index =
    typeof reference === 'string' && reference.startsWith('#')
      ? contained.findIndex(
          (resource) =>
            isJsonObject(resource) &&
            resource['resourceType'] === 'DocumentReference' &&
            resource['id'] === reference.slice(1),
        )
      : -1;
  const document = contained[index];
  if (!isJsonObject(document)) {
    issues.push({ path, message: `${path} must be #<id> of a DocumentReference in Communication.contained` });
    return { kind: 'other' };
  }
  return documentReferenceOf(body, document, `Communication.contained[${index}]`, issues);
}

function documentReferenceOf(
  body: JsonObject,
  document: JsonObject,
  path: string,
  issues: Issue[],
): DocumentReading {
  const types = codingsOfConcepts([document['type']]);
  const categories = [...codingsOfConcepts(document['category']), ...codingsOfConcepts(body['category'])];
  const content = Array.isArray(document['content']) ? (document['content'] as readonly unknown[]) : [];
  const attachment = isJsonObject(content[0]) ? content[0]['attachment'] : undefined;
  let upload: AttachmentUploadV1 | undefined;
  if (isJsonObject(attachment)) {
    upload = attachmentOf(attachment, `${path}.content[0].attachment`, issues);
  } else {
    issues.push({
      path: `${path}.content[0].attachment`,
      message: `${path}.content[0].attachment is required: the document`,
    });
  }
  const description = document['description'];
  const title = titleOf(
    typeof description === 'string' ? description : upload?.title,
    `${path}.description`,
    'a letter needs a title: DocumentReference.description or the attachment title',
    issues,
  );
  const master = isJsonObject(document['masterIdentifier']) ? [document['masterIdentifier']] : undefined;
  const partnerDocumentId =
    partnerIdOf(master, `${path}.masterIdentifier`, issues) ??
    partnerIdOf(document['identifier'], `${path}.identifier`, issues);
  const supersedes = supersededOf(document, path, issues);
  const author = authorOf(document);
  return {
    kind: letterKindOf(types, categories),
    ...(types[0] === undefined ? {} : { type: types[0] }),
    ...(title === undefined ? {} : { title }),
    ...(upload === undefined ? {} : { attachment: upload }),
    ...(partnerDocumentId === undefined ? {} : { partnerDocumentId }),
    ...(supersedes === undefined ? {} : { supersedes }),
    ...(author === undefined ? {} : { author }),
    documentReference: withoutAttachmentData(document),
  };
}

function attachmentOf(attachment: JsonObject, path: string, issues: Issue[]): AttachmentUploadV1 | undefined {
  const contentType = attachment['contentType'];
  const data = attachment['data'];
  const title = attachment['title'];
  const before = issues.length;
  if (typeof contentType !== 'string' || contentType.trim() === '') {
    issues.push({ path: `${path}.contentType`, message: `${path}.contentType is required` });
  }
  if (typeof data !== 'string' || data === '') {
    issues.push({
      path: `${path}.data`,
      message: `${path}.data is required: the document, base64 encoded (no url)`,
    });
  }
  if (issues.length > before || typeof contentType !== 'string' || typeof data !== 'string') return undefined;
  return {
    contentType: contentType.trim(),
    data,
    ...(typeof title === 'string' && title.trim() !== '' ? { title: title.trim() } : {}),
  };
}

function titleOf(
  raw: string | undefined,
  path: string,
  missing: string,
  issues: Issue[],
): string | undefined {
  const title = raw?.trim();
  if (!title) {
    issues.push({ path, message: missing });
    return undefined;
  }
  if (title.length > MAX_TITLE) {
    issues.push({ path, message: `${path} may hold at most ${MAX_TITLE} characters` });
    return undefined;
  }
  return title;
}

/** The first identifier's value: the partner's id of the document. */
function partnerIdOf(identifiers: unknown, path: string, issues: Issue[]): string | undefined {
  const first = Array.isArray(identifiers) ? (identifiers as readonly unknown[])[0] : undefined;
  const value = isJsonObject(first) ? first['value'] : undefined;
  if (value === undefined) return undefined;
  const where = path.endsWith('masterIdentifier') ? `${path}.value` : `${path}[0].value`;
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_PARTNER_ID) {
    issues.push({ path: where, message: `${where} must be 1 to ${MAX_PARTNER_ID} characters` });
    return undefined;
  }
  return value.trim();
}

/** `relatesTo[code=replaces].target.reference` = `DocumentReference/<letter id>`. */
function supersededOf(document: JsonObject, path: string, issues: Issue[]): string | undefined {
  const relations = Array.isArray(document['relatesTo']) ? (document['relatesTo'] as readonly unknown[]) : [];
  const index = relations.findIndex((relation) => isJsonObject(relation) && relation['code'] === 'replaces');
  if (index < 0) return undefined;
  const relation = relations[index] as JsonObject;
  const target = isJsonObject(relation['target']) ? relation['target']['reference'] : undefined;
  const match = typeof target === 'string' ? LETTER_REFERENCE.exec(target) : null;
  if (match?.[1] !== undefined && UUID.test(match[1])) return match[1].toLowerCase();
  const where = `${path}.relatesTo[${index}].target.reference`;
  issues.push({
    path: where,
    message: `${where} must be DocumentReference/<letter id> of the letter corrected`,
  });
  return undefined;
}

function authorOf(document: JsonObject): string | undefined {
  const authors = Array.isArray(document['author']) ? (document['author'] as readonly unknown[]) : [];
  const display = authors
    .map((author) => (isJsonObject(author) ? author['display'] : undefined))
    .find((text): text is string => typeof text === 'string' && text.trim() !== '');
  return display?.trim();
}

/** The codings of a list of CodeableConcepts; malformed codings are passed over. */
function codingsOfConcepts(concepts: unknown): CodingV1[] {
  if (!Array.isArray(concepts)) return [];
  return (concepts as readonly unknown[]).flatMap((concept) => {
    const codings =
      isJsonObject(concept) && Array.isArray(concept['coding']) ? (concept['coding'] as unknown[]) : [];
    return codings.flatMap((coding): CodingV1[] => {
      if (!isJsonObject(coding)) return [];
      const { system, code, display } = coding;
      if (typeof system !== 'string' || typeof code !== 'string') return [];
      return [{ system, code, ...(typeof display === 'string' ? { display } : {}) }];
    });
  });
}

/** The DocumentReference as kept with the letter: the bytes are stored apart, once. */
function withoutAttachmentData(document: JsonObject): JsonObject {
  if (!Array.isArray(document['content'])) return document;
  return {
    ...document,
    content: (document['content'] as readonly unknown[]).map((item) => {
      if (!isJsonObject(item) || !isJsonObject(item['attachment'])) return item;
      const { data: _data, ...attachment } = item['attachment'];
      return { ...item, attachment };
    }),
  };
}
