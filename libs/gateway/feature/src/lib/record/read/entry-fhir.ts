import type { RecordEntryV1, SubjectIdentifierV1 } from '@ilinks/record-projection/contracts';
import { type JsonObject, isJsonObject } from '../../patient/fhir-json';
import { ODS_ORGANISATION_SYSTEM, SOURCE_ORGANISATION_EXTENSION } from '../../patient/person.fhir';

const STRUCTURE_DEFINITIONS = 'https://fhir.ilinks.dev/StructureDefinition';

/** Extension (`valueBoolean` true): a coding's system is not one the platform knows; kept as sent. */
export const UNKNOWN_CODE_SYSTEM_EXTENSION = `${STRUCTURE_DEFINITIONS}/unknown-code-system`;
/** Extension (`valueBoolean` true): the person contributed this themselves; not a clinical entry. */
export const PATIENT_CONTRIBUTED_EXTENSION = `${STRUCTURE_DEFINITIONS}/patient-contributed`;
/** `meta.tag` system of how an entry came into the record; only we set it. */
export const RECORD_PROVENANCE_SYSTEM = 'https://fhir.ilinks.dev/CodeSystem/record-provenance';
/** `meta.tag` of an entry the person contributed themselves, beside the extension. */
export const PATIENT_CONTRIBUTED_TAG = {
  system: RECORD_PROVENANCE_SYSTEM,
  code: 'patient-contributed',
  display: 'Contributed by the patient',
} as const;
/**
 * Where each type a person may contribute names who made or asserted it: on a contribution, the
 * patient (whatever was sent), so that it is never taken for a practitioner's.
 */
export const CONTRIBUTION_AUTHOR_ELEMENTS: Readonly<
  Record<string, readonly { readonly key: string; readonly many: boolean }[]>
> = {
  Observation: [{ key: 'performer', many: true }],
  AllergyIntolerance: [
    { key: 'asserter', many: false },
    { key: 'recorder', many: false },
  ],
  CarePlan: [{ key: 'author', many: false }],
};

/** A FHIR resource of the shared record as the gateway returns it. */
export interface FhirRecordResource extends JsonObject {
  readonly resourceType: string;
  readonly id: string;
  readonly meta: JsonObject & {
    readonly versionId: string;
    readonly lastUpdated: string;
    readonly source: string;
  };
}

/** `meta.source` of an entry: the ODS code system with the recording organisation's code. */
export function sourceOfOrganisation(organisation: string): string {
  return `${ODS_ORGANISATION_SYSTEM}#${organisation}`;
}

/**
 * The partner's resource as we serve it: our entry id as `id`; `meta.versionId` the revision,
 * `meta.lastUpdated` ours and `meta.source` naming the recording organisation (the partner's
 * profiles, tags and security labels kept); the source-organisation extension with its ODS
 * identifier; flags for unknown code systems and patient contributions (a contribution also
 * carries the patient-contributed `meta.tag`, and its author elements point at the patient); and
 * every reference to the patient (`subject`, `patient`, and Appointment's patient participant)
 * pointing at `Patient/<personId>`, with the partner's identifier kept beside it.
 */
export function servedFhirResourceOf(entry: RecordEntryV1, personId: string): FhirRecordResource {
  const resource = entry.resource;
  const partnerMeta = isJsonObject(resource['meta']) ? resource['meta'] : {};
  const partnerExtensions = Array.isArray(resource['extension']) ? resource['extension'] : [];
  const patient = patientReference(personId, entry.subject);
  return {
    ...resource,
    resourceType: entry.resourceType,
    id: entry.entryId,
    meta: {
      ...partnerMeta,
      versionId: String(entry.revision),
      lastUpdated: entry.lastUpdated,
      source: sourceOfOrganisation(entry.organisation),
      ...provenanceTags(partnerMeta, entry),
    },
    extension: [
      ...partnerExtensions.filter((extension) => !isOurExtension(extension)),
      {
        url: SOURCE_ORGANISATION_EXTENSION,
        valueIdentifier: { system: ODS_ORGANISATION_SYSTEM, value: entry.organisation },
      },
      ...(entry.unknownCodeSystems ? [{ url: UNKNOWN_CODE_SYSTEM_EXTENSION, valueBoolean: true }] : []),
      ...(entry.patientContributed === true
        ? [{ url: PATIENT_CONTRIBUTED_EXTENSION, valueBoolean: true }]
        : []),
    ],
    ...('subject' in resource ? { subject: patient(resource['subject']) } : {}),
    ...('patient' in resource ? { patient: patient(resource['patient']) } : {}),
    ...(Array.isArray(resource['participant'])
      ? {
          participant: resource['participant'].map((participant) =>
            withPatientActor(participant, entry.subject, patient),
          ),
        }
      : {}),
    ...(entry.patientContributed === true ? contributionAuthors(entry.resourceType, patient) : {}),
  };
}

/** `meta.tag` with ours claimed by no one else, and the patient-contributed tag on a contribution. */
function provenanceTags(partnerMeta: JsonObject, entry: RecordEntryV1): { tag?: unknown[] } {
  const partnerTags = Array.isArray(partnerMeta['tag']) ? partnerMeta['tag'] : [];
  const tags = [
    ...partnerTags.filter((tag) => !(isJsonObject(tag) && tag['system'] === RECORD_PROVENANCE_SYSTEM)),
    ...(entry.patientContributed === true ? [{ ...PATIENT_CONTRIBUTED_TAG }] : []),
  ];
  return tags.length > 0 || 'tag' in partnerMeta ? { tag: tags } : {};
}

/** A contribution's author elements, each pointing at the patient. */
function contributionAuthors(resourceType: string, patient: (partner: unknown) => JsonObject): JsonObject {
  const elements = CONTRIBUTION_AUTHOR_ELEMENTS[resourceType] ?? [];
  return Object.fromEntries(
    elements.map(({ key, many }) => [key, many ? [patient(undefined)] : patient(undefined)]),
  );
}

/** A partner's reference to the patient, made ours: display kept, the partner's id dropped. */
function patientReference(personId: string, subject: SubjectIdentifierV1) {
  return (partner: unknown): JsonObject => ({
    reference: `Patient/${personId}`,
    type: 'Patient',
    identifier: { system: subject.system, value: subject.value },
    ...(isJsonObject(partner) && typeof partner['display'] === 'string'
      ? { display: partner['display'] }
      : {}),
  });
}

/** An Appointment participant: rewritten when its actor is the patient, as sent or by identifier. */
function withPatientActor(
  participant: unknown,
  subject: SubjectIdentifierV1,
  patient: (partner: unknown) => JsonObject,
): unknown {
  if (!isJsonObject(participant) || !isJsonObject(participant['actor'])) return participant;
  const actor = participant['actor'];
  const identifier = actor['identifier'];
  const isPatient =
    (typeof actor['reference'] === 'string' && actor['reference'].startsWith('Patient/')) ||
    actor['type'] === 'Patient' ||
    (isJsonObject(identifier) &&
      identifier['system'] === subject.system &&
      identifier['value'] === subject.value);
  return isPatient ? { ...participant, actor: patient(actor) } : participant;
}

/** A partner may not pass off its own claims under our extension URLs. */
function isOurExtension(extension: unknown): boolean {
  return (
    isJsonObject(extension) &&
    typeof extension['url'] === 'string' &&
    extension['url'].startsWith(`${STRUCTURE_DEFINITIONS}/`)
  );
}
