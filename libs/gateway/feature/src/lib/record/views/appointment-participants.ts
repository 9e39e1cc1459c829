import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { type JsonObject } from '../../patient/fhir-json';
import { objectAt, objectsAt, textAt } from './view-item';

/** Who or what an Encounter or Appointment participant is, as far as the sender said. */
export type ActorKind = 'patient' | 'location' | 'practitioner' | 'service' | 'other';

/** One actor named by a participant: what kind, its display and identifier, and its role. */
export interface ParticipantActor {
  readonly kind: ActorKind;
  readonly display?: string;
  readonly identifier?: { readonly system?: string; readonly value: string };
  /** The participant's role (`type` text or first display), when given. */
  readonly role?: string;
}

const KIND_OF_TYPE: Readonly<Record<string, ActorKind>> = {
  Patient: 'patient',
  RelatedPerson: 'other',
  Location: 'location',
  Practitioner: 'practitioner',
  PractitionerRole: 'practitioner',
  HealthcareService: 'service',
  Organization: 'service',
  Device: 'other',
};

/**
 * The actors of an entry's `participant` list (Appointment) or `participant[].individual`
 * (Encounter). An actor whose type the sender did not give counts as a practitioner, unless it is
 * the patient (by reference or by the entry's subject identifier).
 */
export function participantActorsOf(entry: RecordEntryV1): ParticipantActor[] {
  return objectsAt(entry.resource, 'participant').flatMap((participant) => {
    const actor = objectAt(participant, 'actor') ?? objectAt(participant, 'individual');
    return actor === undefined ? [] : [actorOf(actor, roleOf(participant), entry)];
  });
}

function actorOf(actor: JsonObject, role: string | undefined, entry: RecordEntryV1): ParticipantActor {
  const display = textAt(actor, 'display');
  const identifier = identifierOf(actor);
  return {
    kind: kindOf(actor, identifier, entry),
    ...(display === undefined ? {} : { display }),
    ...(identifier === undefined ? {} : { identifier }),
    ...(role === undefined ? {} : { role }),
  };
}

function kindOf(
  actor: JsonObject,
  identifier: ParticipantActor['identifier'],
  entry: RecordEntryV1,
): ActorKind {
  const type = textAt(actor, 'type') ?? textAt(actor, 'reference')?.split('/')[0];
  const isSubject =
    identifier !== undefined &&
    identifier.system === entry.subject.system &&
    identifier.value === entry.subject.value;
  if (isSubject) return 'patient';
  return (type === undefined ? undefined : KIND_OF_TYPE[type]) ?? 'practitioner';
}

/** A reference's identifier, when it has a value. */
export function identifierOf(reference: JsonObject): ParticipantActor['identifier'] {
  const identifier = objectAt(reference, 'identifier');
  const value = identifier === undefined ? undefined : textAt(identifier, 'value');
  if (identifier === undefined || value === undefined) return undefined;
  const system = textAt(identifier, 'system');
  return system === undefined ? { value } : { system, value };
}

/** The text or first display of a CodeableConcept (or of the first of a list of them). */
export function conceptText(value: unknown): string | undefined {
  const concept = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof concept !== 'object' || concept === null || Array.isArray(concept)) return undefined;
  const object = concept as JsonObject;
  return (
    textAt(object, 'text') ??
    objectsAt(object, 'coding')
      .map((coding) => textAt(coding, 'display'))
      .find((display) => display !== undefined)
  );
}

function roleOf(participant: JsonObject): string | undefined {
  return conceptText(participant['type']) ?? conceptText(participant['role']);
}
