import type { RecordPart } from '@ilinks/consent/domain';
import type { CodingV1, SubjectIdentifierV1 } from '@ilinks/record-projection/contracts';
import { isJsonObject, type JsonObject } from '../../patient/fhir-json';
import {
  CARE_OF_PATIENT_EXTENSION,
  OBSERVATION_CATEGORY_SYSTEM,
  SOCIAL_CARE_OBSERVATION_CATEGORIES,
} from './record-ingest.codes';
import {
  arrayAt,
  codeAt,
  conceptAt,
  conceptsAt,
  dateTimeAt,
  type FhirDateTime,
  hasCode,
  identifierOfReference,
  objectAt,
  patientIdentifierAt,
  periodStartAt,
  readCoding,
  readPatientIdentifier,
  type ReadContext,
  requireElement,
} from './fhir-ingest-elements';

/** What one resource type's reader finds, before the checks every type shares. */
export interface TypeReading {
  readonly subject?: SubjectIdentifierV1;
  /** The codings of the main code elements, in the order of the resource. */
  readonly codes: readonly CodingV1[];
  readonly effectiveAt?: FhirDateTime;
  /** The resource says it was entered in error (`status`, or `verificationStatus`). */
  readonly enteredInError: boolean;
  readonly part: RecordPart;
}

type TypeReader = (resource: JsonObject, path: string, context: ReadContext) => TypeReading;

const ENTERED_IN_ERROR = 'entered-in-error';

/** FHIR R4 required value sets of the `status` elements. */
const STATUS = {
  MedicationStatement: [
    'active',
    'completed',
    ENTERED_IN_ERROR,
    'intended',
    'stopped',
    'on-hold',
    'unknown',
    'not-taken',
  ],
  Procedure: [
    'preparation',
    'in-progress',
    'not-done',
    'on-hold',
    'stopped',
    'completed',
    ENTERED_IN_ERROR,
    'unknown',
  ],
  Observation: [
    'registered',
    'preliminary',
    'final',
    'amended',
    'corrected',
    'cancelled',
    ENTERED_IN_ERROR,
    'unknown',
  ],
  Encounter: [
    'planned',
    'arrived',
    'triaged',
    'in-progress',
    'onleave',
    'finished',
    'cancelled',
    ENTERED_IN_ERROR,
    'unknown',
  ],
  Appointment: [
    'proposed',
    'pending',
    'booked',
    'arrived',
    'fulfilled',
    'cancelled',
    'noshow',
    ENTERED_IN_ERROR,
    'checked-in',
    'waitlist',
  ],
  AppointmentParticipant: ['accepted', 'declined', 'tentative', 'needs-action'],
  CarePlan: ['draft', 'active', 'on-hold', 'revoked', 'completed', ENTERED_IN_ERROR, 'unknown'],
  CarePlanIntent: ['proposal', 'plan', 'order', 'option'],
  CareTeam: ['proposed', 'active', 'suspended', 'inactive', ENTERED_IN_ERROR],
  Flag: ['active', 'inactive', ENTERED_IN_ERROR],
} as const;

function first(...candidates: (FhirDateTime | undefined)[]): FhirDateTime | undefined {
  return candidates.find((candidate) => candidate !== undefined);
}

/** `<base>DateTime` or `<base>Period.start` of a choice element such as `onset[x]`. */
function choiceStart(resource: JsonObject, base: string, path: string, context: ReadContext, past: boolean) {
  return first(
    dateTimeAt(resource, `${base}DateTime`, `${path}.${base}DateTime`, context, past),
    periodStartAt(resource, `${base}Period`, `${path}.${base}Period`, context, past),
  );
}

const readAllergyIntolerance: TypeReader = (resource, path, context) => {
  const subject = patientIdentifierAt(resource, 'patient', `${path}.patient`, context);
  conceptAt(resource, 'clinicalStatus', `${path}.clinicalStatus`, context);
  conceptAt(resource, 'verificationStatus', `${path}.verificationStatus`, context);
  const codes = conceptAt(resource, 'code', `${path}.code`, context);
  const onset = choiceStart(resource, 'onset', path, context, true);
  const recorded = dateTimeAt(resource, 'recordedDate', `${path}.recordedDate`, context, true);
  return {
    subject,
    codes,
    effectiveAt: first(onset, recorded),
    enteredInError: hasCode(resource, 'verificationStatus', ENTERED_IN_ERROR),
    part: 'allergies',
  };
};

const readMedicationStatement: TypeReader = (resource, path, context) => {
  const status = codeAt(resource, 'status', `${path}.status`, STATUS.MedicationStatement, true, context);
  const subject = patientIdentifierAt(resource, 'subject', `${path}.subject`, context);
  if (resource['medicationReference'] !== undefined) {
    context.rules.push({
      path: `${path}.medicationReference`,
      message: `${path}.medicationReference is not accepted: send the medication as ${path}.medicationCodeableConcept`,
    });
  } else {
    requireElement(resource, 'medicationCodeableConcept', `${path}.medication[x]`, context);
  }
  const codes = [
    ...conceptAt(resource, 'medicationCodeableConcept', `${path}.medicationCodeableConcept`, context),
    ...conceptAt(resource, 'category', `${path}.category`, context),
  ];
  // The effective period of a statement may reach into the future (a course still being taken).
  const effective = choiceStart(resource, 'effective', path, context, false);
  const asserted = dateTimeAt(resource, 'dateAsserted', `${path}.dateAsserted`, context, true);
  return {
    subject,
    codes,
    effectiveAt: first(effective, asserted),
    enteredInError: status === ENTERED_IN_ERROR,
    part: 'medications',
  };
};

const readCondition: TypeReader = (resource, path, context) => {
  const subject = patientIdentifierAt(resource, 'subject', `${path}.subject`, context);
  conceptAt(resource, 'clinicalStatus', `${path}.clinicalStatus`, context);
  conceptAt(resource, 'verificationStatus', `${path}.verificationStatus`, context);
  const codes = [
    ...conceptAt(resource, 'code', `${path}.code`, context),
    ...conceptsAt(resource, 'category', `${path}.category`, context),
  ];
  const onset = choiceStart(resource, 'onset', path, context, true);
  const recorded = dateTimeAt(resource, 'recordedDate', `${path}.recordedDate`, context, true);
  return {
    subject,
    codes,
    effectiveAt: first(onset, recorded),
    enteredInError: hasCode(resource, 'verificationStatus', ENTERED_IN_ERROR),
    part: 'problems',
  };
};

const readProcedure: TypeReader = (resource, path, context) => {
  const status = codeAt(resource, 'status', `${path}.status`, STATUS.Procedure, true, context);
  const subject = patientIdentifierAt(resource, 'subject', `${path}.subject`, context);
  const codes = [
    ...conceptAt(resource, 'code', `${path}.code`, context),
    ...conceptAt(resource, 'category', `${path}.category`, context),
  ];
  return {
    subject,
    codes,
    effectiveAt: choiceStart(resource, 'performed', path, context, true),
    enteredInError: status === ENTERED_IN_ERROR,
    part: 'problems',
  };
};

const readObservation: TypeReader = (resource, path, context) => {
  const status = codeAt(resource, 'status', `${path}.status`, STATUS.Observation, true, context);
  const subject = patientIdentifierAt(resource, 'subject', `${path}.subject`, context);
  const code = conceptAt(resource, 'code', `${path}.code`, context, true);
  const categories = conceptsAt(resource, 'category', `${path}.category`, context);
  const effective = first(
    choiceStart(resource, 'effective', path, context, true),
    dateTimeAt(resource, 'effectiveInstant', `${path}.effectiveInstant`, context, true),
  );
  const issued = dateTimeAt(resource, 'issued', `${path}.issued`, context, true);
  const socialCare = categories.some(
    (coding) =>
      coding.system === OBSERVATION_CATEGORY_SYSTEM &&
      coding.code !== undefined &&
      SOCIAL_CARE_OBSERVATION_CATEGORIES.includes(coding.code),
  );
  return {
    subject,
    codes: [...code, ...categories],
    effectiveAt: first(effective, issued),
    enteredInError: status === ENTERED_IN_ERROR,
    part: socialCare ? 'encounters' : 'results',
  };
};

const readEncounter: TypeReader = (resource, path, context) => {
  const status = codeAt(resource, 'status', `${path}.status`, STATUS.Encounter, true, context);
  const subject = patientIdentifierAt(resource, 'subject', `${path}.subject`, context);
  const encounterClass = requireElement(resource, 'class', `${path}.class`, context)
    ? readCoding(resource['class'], `${path}.class`, context)
    : [];
  const codes = [
    ...encounterClass,
    ...conceptsAt(resource, 'type', `${path}.type`, context),
    ...conceptAt(resource, 'serviceType', `${path}.serviceType`, context),
  ];
  return {
    subject,
    codes,
    // A planned encounter starts in the future: not a past event.
    effectiveAt: periodStartAt(resource, 'period', `${path}.period`, context, false),
    enteredInError: status === ENTERED_IN_ERROR,
    part: 'encounters',
  };
};

const readAppointment: TypeReader = (resource, path, context) => {
  const status = codeAt(resource, 'status', `${path}.status`, STATUS.Appointment, true, context);
  const codes = [
    ...conceptsAt(resource, 'serviceCategory', `${path}.serviceCategory`, context),
    ...conceptsAt(resource, 'serviceType', `${path}.serviceType`, context),
    ...conceptsAt(resource, 'specialty', `${path}.specialty`, context),
    ...conceptAt(resource, 'appointmentType', `${path}.appointmentType`, context),
  ];
  dateTimeAt(resource, 'end', `${path}.end`, context, false);
  return {
    subject: appointmentPatient(resource, `${path}.participant`, context),
    codes,
    effectiveAt: dateTimeAt(resource, 'start', `${path}.start`, context, false),
    enteredInError: status === ENTERED_IN_ERROR,
    part: 'appointments',
  };
};

/** The one participant whose actor is of type `Patient`, named by the partner's identifier. */
function appointmentPatient(resource: JsonObject, path: string, context: ReadContext) {
  if (!requireElement(resource, 'participant', path, context)) return undefined;
  const patients: { actor: JsonObject; path: string }[] = [];
  arrayAt(resource, 'participant', path, context).forEach((participant, index) => {
    const at = `${path}[${index}]`;
    if (!isJsonObject(participant)) {
      context.invalid.push({ path: at, message: `${at} must be a participant (a JSON object)` });
      return;
    }
    codeAt(participant, 'status', `${at}.status`, STATUS.AppointmentParticipant, true, context);
    const actor = objectAt(participant, 'actor', `${at}.actor`, 'a Reference', context);
    const reference = actor?.['reference'];
    if (
      actor &&
      (actor['type'] === 'Patient' || (typeof reference === 'string' && reference.startsWith('Patient/')))
    )
      patients.push({ actor, path: `${at}.actor` });
  });
  if (patients.length !== 1) {
    context.invalid.push({
      path,
      message: `${path} must include exactly one participant whose actor has type 'Patient' and your identifier of the patient`,
    });
    return undefined;
  }
  const [patient] = patients;
  return patient && identifierOfReference(patient.actor, patient.path, context);
}

const readCarePlan: TypeReader = (resource, path, context) => {
  const status = codeAt(resource, 'status', `${path}.status`, STATUS.CarePlan, true, context);
  codeAt(resource, 'intent', `${path}.intent`, STATUS.CarePlanIntent, true, context);
  const subject = patientIdentifierAt(resource, 'subject', `${path}.subject`, context);
  const codes = conceptsAt(resource, 'category', `${path}.category`, context);
  const start = periodStartAt(resource, 'period', `${path}.period`, context, false);
  const created = dateTimeAt(resource, 'created', `${path}.created`, context, true);
  return {
    subject,
    codes,
    effectiveAt: first(start, created),
    enteredInError: status === ENTERED_IN_ERROR,
    part: 'care-plans',
  };
};

const readCareTeam: TypeReader = (resource, path, context) => {
  const status = codeAt(resource, 'status', `${path}.status`, STATUS.CareTeam, false, context);
  return {
    subject: patientIdentifierAt(resource, 'subject', `${path}.subject`, context),
    codes: conceptsAt(resource, 'category', `${path}.category`, context),
    effectiveAt: periodStartAt(resource, 'period', `${path}.period`, context, false),
    enteredInError: status === ENTERED_IN_ERROR,
    part: 'care-team',
  };
};

/** PractitionerRole has no patient element and no status: see {@link CARE_OF_PATIENT_EXTENSION}. */
const readPractitionerRole: TypeReader = (resource, path, context) => {
  const active = resource['active'];
  if (active !== undefined && typeof active !== 'boolean')
    context.invalid.push({ path: `${path}.active`, message: `${path}.active must be true or false` });
  const codes = [
    ...conceptsAt(resource, 'code', `${path}.code`, context),
    ...conceptsAt(resource, 'specialty', `${path}.specialty`, context),
  ];
  return {
    subject: careOfPatient(resource, `${path}.extension`, context),
    codes,
    effectiveAt: periodStartAt(resource, 'period', `${path}.period`, context, false),
    enteredInError: false,
    part: 'care-team',
  };
};

function careOfPatient(resource: JsonObject, path: string, context: ReadContext) {
  const extensions = arrayAt(resource, 'extension', path, context);
  const index = extensions.findIndex(
    (extension) => isJsonObject(extension) && extension['url'] === CARE_OF_PATIENT_EXTENSION,
  );
  const extension = extensions[index];
  if (!isJsonObject(extension)) {
    context.invalid.push({
      path,
      message: `${path} must hold the extension ${CARE_OF_PATIENT_EXTENSION} with your identifier of the patient`,
    });
    return undefined;
  }
  const at = `${path}[${index}].valueIdentifier`;
  if (extension['valueIdentifier'] === undefined) {
    context.invalid.push({ path: at, message: `${at} is required: your own identifier of the patient` });
    return undefined;
  }
  return readPatientIdentifier(extension['valueIdentifier'], at, context);
}

const readFlag: TypeReader = (resource, path, context) => {
  const status = codeAt(resource, 'status', `${path}.status`, STATUS.Flag, true, context);
  const subject = patientIdentifierAt(resource, 'subject', `${path}.subject`, context);
  const codes = [
    ...conceptAt(resource, 'code', `${path}.code`, context, true),
    ...conceptsAt(resource, 'category', `${path}.category`, context),
  ];
  return {
    subject,
    codes,
    effectiveAt: periodStartAt(resource, 'period', `${path}.period`, context, false),
    enteredInError: status === ENTERED_IN_ERROR,
    part: 'alerts',
  };
};

/** The resource types partners may send to the record, and how each is read. */
export const INGEST_READERS = {
  AllergyIntolerance: readAllergyIntolerance,
  MedicationStatement: readMedicationStatement,
  Condition: readCondition,
  Procedure: readProcedure,
  Observation: readObservation,
  Encounter: readEncounter,
  Appointment: readAppointment,
  CarePlan: readCarePlan,
  CareTeam: readCareTeam,
  PractitionerRole: readPractitionerRole,
  Flag: readFlag,
} as const satisfies Record<string, TypeReader>;

export type IngestResourceType = keyof typeof INGEST_READERS;

/** Every ingestible type, in a stable order (for routes and the CapabilityStatement). */
export const INGEST_RESOURCE_TYPES = Object.keys(INGEST_READERS) as IngestResourceType[];

export function isIngestResourceType(type: unknown): type is IngestResourceType {
  return typeof type === 'string' && Object.hasOwn(INGEST_READERS, type);
}

/** Types whose main codes can make them a preference (a DNACPR decision recorded as any of them). */
export const PREFERENCE_CAPABLE_TYPES: readonly IngestResourceType[] = [
  'Condition',
  'Procedure',
  'Observation',
  'CarePlan',
  'Flag',
];
