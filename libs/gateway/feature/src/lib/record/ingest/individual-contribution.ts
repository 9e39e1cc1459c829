import type { Principal } from '@ilinks/platform/security';
import {
  PERSON_SUBJECT_SYSTEM,
  type RecordEntryRequestV1,
  type RecordEntryV1,
} from '@ilinks/record-projection/contracts';
import { ConflictError, ForbiddenError } from '@ilinks/shared/kernel';
import { isJsonObject, type JsonObject } from '../../patient/fhir-json';
import { CONTRIBUTION_AUTHOR_ELEMENTS } from '../read/entry-fhir';
import type { RecordEntryDraft } from './fhir-record-entry.parse';
import type { IngestResourceType } from './ingest-resource-types';

/** What an individual may add to their own record: how they are, home readings, allergies, goals. */
export const CONTRIBUTABLE_TYPES = ['Observation', 'AllergyIntolerance', 'CarePlan'] as const;

export type ContributableType = (typeof CONTRIBUTABLE_TYPES)[number];

export function isContributableType(type: IngestResourceType): type is ContributableType {
  return (CONTRIBUTABLE_TYPES as readonly string[]).includes(type);
}

/** The element naming the patient, per contributable type. */
const PATIENT_ELEMENT: Readonly<Record<ContributableType, string>> = {
  Observation: 'subject',
  AllergyIntolerance: 'patient',
  CarePlan: 'subject',
};

/** Who an individual is: the person their token names and the person that is now (after merges). */
export interface Contributor {
  /** The token's `patient` claim. */
  readonly tokenPersonId: string;
  /** The person it became when it was merged away; the same id otherwise. */
  readonly personId: string;
}

/** Deliberately vague: says nothing about whom the resource named. */
export function notYourOwnRecord(): ForbiddenError {
  return new ForbiddenError('individuals may add entries only to their own record');
}

/** Whether a Reference names the contributor: only `reference` `Patient/<id>` (display and type aside). */
function namesContributor(element: unknown, contributor: Contributor): boolean {
  if (!isJsonObject(element)) return false;
  const { reference, display, type, ...rest } = element;
  const ids = [contributor.tokenPersonId, contributor.personId];
  return (
    Object.keys(rest).length === 0 &&
    (display === undefined || typeof display === 'string') &&
    (type === undefined || type === 'Patient') &&
    typeof reference === 'string' &&
    ids.some((id) => reference === `Patient/${id}`)
  );
}

/**
 * The resource as the gateway reads an individual's contribution: about themselves only (the
 * patient element names them by `Patient/<their person id>` or is left out), the patient element
 * filled in with our person subject, and who made it left to the served resource (the patient).
 * @throws ForbiddenError when it names anyone (or anything) else.
 */
export function contributionResource(
  resource: unknown,
  type: ContributableType,
  contributor: Contributor,
): unknown {
  if (!isJsonObject(resource)) return resource;
  const key = PATIENT_ELEMENT[type];
  const named = resource[key];
  if (named !== undefined && !namesContributor(named, contributor)) throw notYourOwnRecord();
  const authorKeys = new Set((CONTRIBUTION_AUTHOR_ELEMENTS[type] ?? []).map((element) => element.key));
  const kept: JsonObject = Object.fromEntries(
    Object.entries(resource).filter(([name]) => !authorKeys.has(name)),
  );
  return {
    ...kept,
    [key]: {
      identifier: { system: PERSON_SUBJECT_SYSTEM, value: contributor.personId },
      ...(isJsonObject(named) && typeof named['display'] === 'string' ? { display: named['display'] } : {}),
    },
  };
}

/**
 * An individual's draft as their token completes it: the token's organisation (the app's), the
 * person as the subject and as who recorded it, flagged patient-contributed, never hidden from them.
 */
export function contributionRequestOf(
  draft: RecordEntryDraft,
  principal: Principal,
  contributor: Contributor,
): RecordEntryRequestV1 {
  const { notForPatientView: _hidden, ...visible } = draft;
  return {
    ...visible,
    subject: { system: PERSON_SUBJECT_SYSTEM, value: contributor.personId },
    organisation: principal.organisation,
    recordedBy: { subject: contributor.tokenPersonId, role: 'individual' },
    patientContributed: true,
  };
}

/** An individual's own contribution, as the record service returns it. */
export function isContribution(entry: RecordEntryV1): boolean {
  return (
    entry.subject.system === PERSON_SUBJECT_SYSTEM &&
    entry.patientContributed === true &&
    entry.recordedBy.role === 'individual'
  );
}

/**
 * What an individual gets for an id of their app's organisation that is not a contribution: the
 * record service's own answer for an entry they cannot change, so nothing tells them what it is.
 */
export function keyInUse(): ConflictError {
  return new ConflictError('an entry with this id exists that you cannot change; use another id');
}
