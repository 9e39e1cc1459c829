import type {
  IdentifierV1,
  ParticipantV1,
  RecordTestRequestV1,
  RequestPriorityV1,
  RequestStatusV1,
} from '@ilinks/diagnostics/contracts';
import { isJsonObject, type JsonObject } from '../patient/fhir-json';
import { type PatientReference, patientReferenceAt } from '../patient/patient-reference.fhir';
import { arrayAt, codeAt, dateTimeAt, type ReadContext } from '../record/ingest/fhir-ingest-elements';
import {
  codingsAt,
  codingsOfListAt,
  copiesAt,
  extensionsAt,
  identifierOf,
  organisationOf,
  partnerIdOf,
  PRACTITIONER_SYSTEM,
  readContext,
  requireObject,
  REQUESTER_TEAM_EXTENSION,
  stringAt,
  throwIfRefused,
} from './fhir-diagnostics-elements';

const TYPE = 'ServiceRequest';
const STATUSES: readonly RequestStatusV1[] = [
  'draft',
  'active',
  'on-hold',
  'revoked',
  'completed',
  'entered-in-error',
];
const INTENTS = ['order', 'original-order'];
const PRIORITIES: readonly RequestPriorityV1[] = ['routine', 'urgent', 'asap', 'stat'];
const REQUESTER_TYPES = ['PractitionerRole', 'Practitioner'];
const TEAM = /^\S{1,128}$/;
/** SNOMED CT categories of a ServiceRequest, and v2-0074 LAB/RAD as DiagnosticReport uses them. */
const LABORATORY_CODES = ['108252007', 'LAB'];
const IMAGING_CODES = ['363679005', 'RAD'];

/** What the gateway still adds to a read ServiceRequest: the patient, once resolved, and who recorded it. */
export type TestRequestDraft = Omit<RecordTestRequestV1, 'subject' | 'recordedBy'>;

/** A ServiceRequest read: the patient as named, and the request for the diagnostics service. */
export interface ServiceRequestReading {
  readonly subject: PatientReference;
  readonly draft: TestRequestDraft;
}

/**
 * Reads a partner's ServiceRequest sent by `organisation` (the token's): every element checked,
 * every problem named by its FHIRPath expression (400; 422 for rules of ours it breaks).
 */
export function serviceRequestFromFhir(
  body: unknown,
  organisation: string,
  now: Date,
): ServiceRequestReading {
  const context = readContext(now);
  const resource = requireObject(body, TYPE, context);
  const partnerRequestId = partnerIdOf(resource, TYPE, context);
  const subject = patientReferenceAt(resource, `${TYPE}.subject`, context.invalid);
  const identifiers = arrayAt(resource, 'identifier', `${TYPE}.identifier`, context).flatMap(
    (identifier, index): IdentifierV1[] => {
      const read = identifierOf(identifier, `${TYPE}.identifier[${index}]`, context);
      return read === undefined ? [] : [read];
    },
  );
  const status = codeAt(resource, 'status', `${TYPE}.status`, STATUSES, true, context) as
    | RequestStatusV1
    | undefined;
  codeAt(resource, 'intent', `${TYPE}.intent`, INTENTS, true, context);
  const priority = codeAt(resource, 'priority', `${TYPE}.priority`, PRIORITIES, false, context) as
    | RequestPriorityV1
    | undefined;
  const code = codingsAt(resource, 'code', `${TYPE}.code`, context, true);
  const category = categoryOf(
    codingsOfListAt(resource, 'category', `${TYPE}.category`, context).map((c) => c.code),
  );
  const authoredOn = dateTimeAt(resource, 'authoredOn', `${TYPE}.authoredOn`, context, true);
  const requester = requesterOf(resource, organisation, context);
  const performer = performerOf(resource, context);
  const copiesTo = copiesAt(resource, TYPE, context);
  throwIfRefused(context, `the ${TYPE}`);
  return {
    subject: subject as PatientReference,
    draft: {
      partnerRequestId: partnerRequestId as string,
      identifiers,
      requester,
      ...(performer === undefined ? {} : { performer }),
      ...(category === undefined ? {} : { category }),
      code,
      status: status as RequestStatusV1,
      ...(priority === undefined ? {} : { priority }),
      ...(authoredOn === undefined ? {} : { authoredOn: authoredOn.text }),
      copiesTo,
      resource,
    },
  };
}

/** `laboratory`, `imaging`, `other` for any other category; undefined when none was sent. */
export function categoryOf(codes: readonly string[]): RecordTestRequestV1['category'] {
  if (codes.length === 0) return undefined;
  if (codes.some((code) => LABORATORY_CODES.includes(code))) return 'laboratory';
  if (codes.some((code) => IMAGING_CODES.includes(code))) return 'imaging';
  return 'other';
}

/**
 * The requester: always the sending organisation; the practitioner when `requester` names one of its
 * users (`<ODS>/<user id>`), the team from the requester-team extension.
 */
function requesterOf(body: JsonObject, organisation: string, context: ReadContext): ParticipantV1 {
  const path = `${TYPE}.requester`;
  const requester = body['requester'];
  const team =
    teamOf(body, TYPE, context) ?? (isJsonObject(requester) ? teamOf(requester, path, context) : undefined);
  const practitioner =
    requester === undefined ? undefined : practitionerOf(requester, path, organisation, context);
  return {
    organisation,
    ...(team === undefined ? {} : { team }),
    ...(practitioner === undefined ? {} : { practitioner }),
  };
}

function practitionerOf(
  requester: unknown,
  path: string,
  organisation: string,
  context: ReadContext,
): string | undefined {
  if (!isJsonObject(requester)) {
    context.invalid.push({ path, message: `${path} must be a Reference (a JSON object)` });
    return undefined;
  }
  const type = requester['type'];
  if (type !== undefined && (typeof type !== 'string' || !REQUESTER_TYPES.includes(type))) {
    context.invalid.push({
      path: `${path}.type`,
      message: `${path}.type must be PractitionerRole or Practitioner`,
    });
  }
  const identifier = requester['identifier'];
  const at = `${path}.identifier`;
  if (!isJsonObject(identifier) || identifier['system'] !== PRACTITIONER_SYSTEM) {
    context.invalid.push({
      path: at,
      message: `${at} must name the practitioner by ${PRACTITIONER_SYSTEM} (value <ODS>/<user id>)`,
    });
    return undefined;
  }
  const value = stringAt(identifier, 'value', `${at}.value`, context, true);
  const [ods, user] = value === undefined ? [] : splitOnce(value);
  if (ods === undefined || user === undefined || !/^\S{1,256}$/.test(user)) {
    if (value !== undefined)
      context.invalid.push({ path: `${at}.value`, message: `${at}.value must be <ODS>/<user id>` });
    return undefined;
  }
  if (ods !== organisation) {
    context.rules.push({
      path: `${at}.value`,
      message: `${at}.value must name a practitioner of your own organisation`,
    });
    return undefined;
  }
  return user;
}

function splitOnce(value: string): [string, string] | [] {
  const slash = value.indexOf('/');
  return slash > 0 ? [value.slice(0, slash), value.slice(slash + 1)] : [];
}

function teamOf(owner: JsonObject, path: string, context: ReadContext): string | undefined {
  const [found] = extensionsAt(owner, REQUESTER_TEAM_EXTENSION, path, context);
  if (found === undefined) return undefined;
  const team = stringAt(found.extension, 'valueString', `${found.path}.valueString`, context, true);
  if (team === undefined || TEAM.test(team)) return team;
  context.invalid.push({
    path: `${found.path}.valueString`,
    message: `${found.path}.valueString must be a team identifier`,
  });
  return undefined;
}

/** The first performer, an Organization by ODS code (the lab or radiology service asked). */
function performerOf(body: JsonObject, context: ReadContext): string | undefined {
  const performers = arrayAt(body, 'performer', `${TYPE}.performer`, context).map((performer, index) =>
    organisationOf(performer, `${TYPE}.performer[${index}]`, context),
  );
  return performers[0];
}
