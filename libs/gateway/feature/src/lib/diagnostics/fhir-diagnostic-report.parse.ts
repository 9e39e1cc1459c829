import type {
  IdentifierV1,
  RecordReportRequestV1,
  ReferenceRangeV1,
  ReportStatusV1,
  ResultInputV1,
  ResultStatusV1,
} from '@ilinks/diagnostics/contracts';
import { isJsonObject, type JsonObject } from '../patient/fhir-json';
import { type PatientReference, patientReferenceAt } from '../patient/patient-reference.fhir';
import { arrayAt, codeAt, dateTimeAt, type ReadContext } from '../record/ingest/fhir-ingest-elements';
import {
  codingsAt,
  codingsOfListAt,
  copiesAt,
  FHIR_ID,
  identifierOf,
  partnerIdOf,
  readContext,
  requireObject,
  stringAt,
  throwIfRefused,
  ucumQuantityOf,
} from './fhir-diagnostics-elements';
import { categoryOf } from './fhir-service-request.parse';

const TYPE = 'DiagnosticReport';
/** At most this many results (Observations) in one report: the service's limit. */
export const MAX_RESULTS = 200;
const MAX_CONCLUSION = 10_000;
const REPORT_STATUSES: readonly ReportStatusV1[] = [
  'registered',
  'partial',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'appended',
  'cancelled',
  'entered-in-error',
];
const RESULT_STATUSES: readonly ResultStatusV1[] = [
  'registered',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'cancelled',
  'entered-in-error',
];
/** `value[x]` forms a result may take; any other is refused. */
const VALUE_ELEMENTS = ['valueQuantity', 'valueString'];
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const SERVICE_REQUEST_TYPES = ['ServiceRequest'];

/** What the gateway still adds to a read DiagnosticReport: the patient, who sent it, their practice. */
export type ReportDraft = Omit<RecordReportRequestV1, 'subject' | 'recordedBy' | 'registeredPractice'>;

/** A DiagnosticReport read: the patient as named, and the report for the diagnostics service. */
export interface DiagnosticReportReading {
  readonly subject: PatientReference;
  readonly draft: ReportDraft;
}

/**
 * Reads a lab's DiagnosticReport with its results as contained Observations (`result[].reference`
 * `#<id>`): every element checked, every problem named by its FHIRPath expression (400; 422 for
 * rules of ours it breaks).
 */
export function diagnosticReportFromFhir(body: unknown, now: Date): DiagnosticReportReading {
  const context = readContext(now);
  const resource = requireObject(body, TYPE, context);
  const partnerReportId = partnerIdOf(resource, TYPE, context);
  const subject = patientReferenceAt(resource, `${TYPE}.subject`, context.invalid);
  const status = codeAt(resource, 'status', `${TYPE}.status`, REPORT_STATUSES, true, context) as
    | ReportStatusV1
    | undefined;
  const code = codingsAt(resource, 'code', `${TYPE}.code`, context, true);
  const category = categoryOf(
    codingsOfListAt(resource, 'category', `${TYPE}.category`, context).map((c) => c.code),
  );
  const effective = dateTimeAt(resource, 'effectiveDateTime', `${TYPE}.effectiveDateTime`, context, true);
  const issuedAt = issuedOf(resource, context);
  const conclusion = stringAt(resource, 'conclusion', `${TYPE}.conclusion`, context);
  if (conclusion !== undefined && conclusion.length > MAX_CONCLUSION) {
    context.invalid.push({
      path: `${TYPE}.conclusion`,
      message: `${TYPE}.conclusion must be at most ${MAX_CONCLUSION} characters`,
    });
  }
  const basedOn = arrayAt(resource, 'basedOn', `${TYPE}.basedOn`, context).flatMap(
    (reference, index) => basedOnOf(reference, `${TYPE}.basedOn[${index}]`, context) ?? [],
  );
  const results = resultsOf(resource, context);
  const copiesTo = copiesAt(resource, TYPE, context);
  throwIfRefused(context, `the ${TYPE}`);
  return {
    subject: subject as PatientReference,
    draft: {
      partnerReportId: partnerReportId as string,
      basedOn,
      status: status as ReportStatusV1,
      ...(category === undefined ? {} : { category }),
      code,
      ...(effective === undefined ? {} : { effectiveAt: effective.text }),
      issuedAt: issuedAt as string,
      ...(conclusion === undefined ? {} : { conclusion }),
      results,
      copiesTo,
      resource,
    },
  };
}

/** `issued`: required, an instant (a full time with zone), not in the future. */
function issuedOf(resource: JsonObject, context: ReadContext): string | undefined {
  const path = `${TYPE}.issued`;
  const issued = stringAt(resource, 'issued', path, context, true);
  if (issued === undefined) return undefined;
  if (!INSTANT.test(issued) || Number.isNaN(Date.parse(issued))) {
    context.invalid.push({
      path,
      message: `${path} must be a FHIR instant (a full date and time with zone)`,
    });
    return undefined;
  }
  return dateTimeAt(resource, 'issued', path, context, true)?.text;
}

/** A request this report fulfils, named by one of its identifiers (placer or filler order number). */
function basedOnOf(reference: unknown, path: string, context: ReadContext): IdentifierV1 | undefined {
  if (!isJsonObject(reference)) {
    context.invalid.push({ path, message: `${path} must be a Reference (a JSON object)` });
    return undefined;
  }
  const type = reference['type'];
  if (type !== undefined && (typeof type !== 'string' || !SERVICE_REQUEST_TYPES.includes(type))) {
    context.invalid.push({ path: `${path}.type`, message: `${path}.type must be ServiceRequest` });
  }
  if (reference['identifier'] === undefined) {
    context.invalid.push({
      path: `${path}.identifier`,
      message: `${path}.identifier is required: the request's identifier (order number)`,
    });
    return undefined;
  }
  return identifierOf(reference['identifier'], `${path}.identifier`, context);
}

/** The results named by `result[]`, each a contained Observation, in the order named. */
function resultsOf(resource: JsonObject, context: ReadContext): ResultInputV1[] {
  const contained = containedObservationsOf(resource, context);
  const references = arrayAt(resource, 'result', `${TYPE}.result`, context);
  if (references.length > MAX_RESULTS) {
    context.invalid.push({
      path: `${TYPE}.result`,
      message: `${TYPE}.result must hold at most ${MAX_RESULTS} results`,
    });
    return [];
  }
  const named = new Set<string>();
  const results = references.flatMap((reference, index): ResultInputV1[] => {
    const path = `${TYPE}.result[${index}].reference`;
    const target = isJsonObject(reference) ? reference['reference'] : undefined;
    const id = typeof target === 'string' && target.startsWith('#') ? target.slice(1) : undefined;
    const observation = id === undefined ? undefined : contained.get(id);
    if (id === undefined || observation === undefined) {
      context.invalid.push({
        path,
        message: `${path} must be #<id> of an Observation contained in the report`,
      });
      return [];
    }
    if (named.has(id)) {
      context.invalid.push({ path, message: `${path} names an Observation already named` });
      return [];
    }
    named.add(id);
    const result = resultOf(observation.resource, `${TYPE}.contained[${observation.index}]`, context);
    return result === undefined ? [] : [result];
  });
  for (const [id, { index }] of contained) {
    if (!named.has(id)) {
      const path = `${TYPE}.contained[${index}]`;
      context.invalid.push({ path, message: `${path} is not named by any ${TYPE}.result (dom-3)` });
    }
  }
  return results;
}

/** The contained Observations by id, with their index; any other contained resource is refused. */
function containedObservationsOf(
  resource: JsonObject,
  context: ReadContext,
): Map<string, { readonly resource: JsonObject; readonly index: number }> {
  const byId = new Map<string, { readonly resource: JsonObject; readonly index: number }>();
  arrayAt(resource, 'contained', `${TYPE}.contained`, context).forEach((contained, index) => {
    const path = `${TYPE}.contained[${index}]`;
    if (!isJsonObject(contained) || contained['resourceType'] !== 'Observation') {
      context.invalid.push({ path: `${path}.resourceType`, message: `${path} must be an Observation` });
      return;
    }
    const id = stringAt(contained, 'id', `${path}.id`, context, true);
    if (id === undefined) return;
    if (!FHIR_ID.test(id) || byId.has(id)) {
      context.invalid.push({ path: `${path}.id`, message: `${path}.id must be an id unique in the report` });
      return;
    }
    byId.set(id, { resource: contained, index });
  });
  return byId;
}

/** One contained Observation as a result. */
function resultOf(observation: JsonObject, path: string, context: ReadContext): ResultInputV1 | undefined {
  const before = context.invalid.length;
  const code = codingsAt(observation, 'code', `${path}.code`, context, true);
  const status = codeAt(observation, 'status', `${path}.status`, RESULT_STATUSES, true, context) as
    | ResultStatusV1
    | undefined;
  const valueQuantity =
    observation['valueQuantity'] === undefined
      ? undefined
      : ucumQuantityOf(observation['valueQuantity'], `${path}.valueQuantity`, context);
  const valueString = stringAt(observation, 'valueString', `${path}.valueString`, context);
  const values = Object.keys(observation).filter((key) => /^value[A-Z]/.test(key));
  for (const key of values.filter((value) => !VALUE_ELEMENTS.includes(value))) {
    context.invalid.push({
      path: `${path}.${key}`,
      message: `${path}.${key} is not accepted: send valueQuantity or valueString`,
    });
  }
  if (values.length > 1) {
    context.invalid.push({ path: `${path}.value`, message: `${path}.value[x] must be one value only` });
  }
  const referenceRanges = arrayAt(observation, 'referenceRange', `${path}.referenceRange`, context).flatMap(
    (range, index) => referenceRangeOf(range, `${path}.referenceRange[${index}]`, context) ?? [],
  );
  const interpretation = codingsOfListAt(observation, 'interpretation', `${path}.interpretation`, context);
  const effective = dateTimeAt(observation, 'effectiveDateTime', `${path}.effectiveDateTime`, context, true);
  const partnerObservationId = stringAt(observation, 'id', `${path}.id`, context);
  if (context.invalid.length > before) return undefined;
  return {
    ...(partnerObservationId === undefined ? {} : { partnerObservationId }),
    code,
    status: status as ResultStatusV1,
    ...(valueQuantity === undefined ? {} : { valueQuantity }),
    ...(valueString === undefined ? {} : { valueString }),
    referenceRanges,
    interpretation,
    ...(effective === undefined ? {} : { effectiveAt: effective.text }),
    resource: observation,
  };
}

function referenceRangeOf(range: unknown, path: string, context: ReadContext): ReferenceRangeV1 | undefined {
  if (!isJsonObject(range)) {
    context.invalid.push({ path, message: `${path} must be a reference range (a JSON object)` });
    return undefined;
  }
  const low = range['low'] === undefined ? undefined : ucumQuantityOf(range['low'], `${path}.low`, context);
  const high =
    range['high'] === undefined ? undefined : ucumQuantityOf(range['high'], `${path}.high`, context);
  const text = stringAt(range, 'text', `${path}.text`, context);
  if (low === undefined && high === undefined && text === undefined) {
    context.invalid.push({ path, message: `${path} must have a low, a high or a text (obs-3)` });
    return undefined;
  }
  return {
    ...(low === undefined ? {} : { low }),
    ...(high === undefined ? {} : { high }),
    ...(text === undefined ? {} : { text }),
  };
}
