import type { RecordEntryRequestV1 } from '@ilinks/record-projection/contracts';
import { isJsonObject, type JsonObject } from '../../patient/fhir-json';
import { arrayAt, type ReadContext } from './fhir-ingest-elements';
import {
  INGEST_READERS,
  INGEST_RESOURCE_TYPES,
  type IngestResourceType,
  isIngestResourceType,
  PREFERENCE_CAPABLE_TYPES,
} from './ingest-resource-types';
import { isKnownCodeSystem, isPreferenceCoding, NO_PATIENT_DISCLOSURE } from './record-ingest.codes';
import { refusalOf } from './unprocessable-entry';

/** A record entry as a resource says it, without what the caller's token decides. */
export type RecordEntryDraft = Omit<RecordEntryRequestV1, 'organisation' | 'recordedBy'>;

export interface IngestReading {
  readonly resourceType: IngestResourceType;
  readonly draft: RecordEntryDraft;
  /** The resource retracts the entry (`status` or `verificationStatus` entered-in-error). */
  readonly enteredInError: boolean;
}

/** Where a resource was found and what its URL says about it. */
export interface IngestLocation {
  /** Where the resource is, for the issues' paths: `Condition`, `Bundle.entry[3].resource`. */
  readonly path?: string;
  /** The type the URL names; the body must be of it. */
  readonly expectedType?: IngestResourceType;
  /** The id the URL names (update); the body's id must equal it. */
  readonly urlId?: string;
}

/** How far ahead of our clock a sender's clock may be before a past event is "in the future". */
export const CLOCK_SKEW_MS = 5 * 60_000;
const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;

/**
 * Reads a partner's FHIR R4 resource of an ingestible type into a record entry, appending one
 * issue per bad element to `context`. `undefined` when it cannot be read at all or is not valid.
 */
export function readIngestResource(
  resource: unknown,
  options: IngestLocation,
  context: ReadContext,
): IngestReading | undefined {
  const before = context.invalid.length + context.rules.length;
  const base = options.path ?? options.expectedType ?? 'resource';
  if (!isJsonObject(resource)) {
    context.invalid.push({ path: base, message: `${base} must be a FHIR resource (a JSON object)` });
    return undefined;
  }
  const type = resource['resourceType'];
  if (!isIngestResourceType(type) || (options.expectedType !== undefined && type !== options.expectedType)) {
    const allowed = options.expectedType
      ? `'${options.expectedType}'`
      : `one of ${INGEST_RESOURCE_TYPES.join(', ')}`;
    context.invalid.push({
      path: `${base}.resourceType`,
      message: `${base}.resourceType must be ${allowed}`,
    });
    return undefined;
  }
  const path = options.path ?? type;
  const partnerId = partnerIdOf(resource, path, options.urlId, context);
  const reading = INGEST_READERS[type](resource, path, context);
  const notForPatientView = readNotForPatientView(resource, path, context);
  if (context.invalid.length + context.rules.length > before || !reading.subject || partnerId === undefined)
    return undefined;
  const codes = reading.codes;
  const draft: RecordEntryDraft = {
    resourceType: type,
    partnerId,
    subject: reading.subject,
    resource,
    part: isPreference(type, codes) ? 'preferences' : reading.part,
    ...(reading.effectiveAt ? { effectiveAt: new Date(reading.effectiveAt.startsAt).toISOString() } : {}),
    codes,
    unknownCodeSystems: codes.some((coding) => !isKnownCodeSystem(coding.system)),
    ...(notForPatientView ? { notForPatientView } : {}),
  };
  return { resourceType: type, draft, enteredInError: reading.enteredInError };
}

/**
 * {@link readIngestResource} for a resource on its own.
 * @throws ValidationError (400) naming every bad element, or UnprocessableEntryError (422) when
 *   the resource is valid FHIR that breaks only our rules.
 */
export function recordEntryFromFhir(
  resource: unknown,
  options: IngestLocation & { readonly now: Date; readonly personSubject?: boolean },
): IngestReading {
  const context: ReadContext = {
    ...readContextAt(options.now),
    ...(options.personSubject === true ? { personSubject: true } : {}),
  };
  const reading = readIngestResource(resource, options, context);
  const refusal = refusalOf(context, `the ${options.expectedType ?? 'resource'}`);
  if (refusal) throw refusal;
  if (!reading) throw new Error('readIngestResource returned nothing without an issue');
  return reading;
}

/** An empty context for reading at `now`. */
export function readContextAt(now: Date): ReadContext {
  return { invalid: [], rules: [], latestPast: now.getTime() + CLOCK_SKEW_MS };
}

function partnerIdOf(
  resource: JsonObject,
  path: string,
  urlId: string | undefined,
  context: ReadContext,
): string | undefined {
  const id = resource['id'];
  const at = `${path}.id`;
  if (id === undefined) {
    context.invalid.push({
      path: at,
      message: `${at} is required: your own id of the resource, the key of its updates`,
    });
    return undefined;
  }
  if (typeof id !== 'string' || !FHIR_ID.test(id)) {
    context.invalid.push({
      path: at,
      message: `${at} must be a FHIR id: 1 to 64 letters, digits, '-' or '.'`,
    });
    return undefined;
  }
  if (urlId !== undefined && id !== urlId) {
    context.invalid.push({ path: at, message: `${at} must equal the id in the URL` });
    return undefined;
  }
  return id;
}

function readNotForPatientView(resource: JsonObject, path: string, context: ReadContext): boolean {
  const meta = resource['meta'];
  if (meta === undefined) return false;
  if (!isJsonObject(meta)) {
    context.invalid.push({ path: `${path}.meta`, message: `${path}.meta must be a Meta (a JSON object)` });
    return false;
  }
  return arrayAt(meta, 'security', `${path}.meta.security`, context).some(
    (coding) =>
      isJsonObject(coding) &&
      coding['system'] === NO_PATIENT_DISCLOSURE.system &&
      coding['code'] === NO_PATIENT_DISCLOSURE.code,
  );
}

function isPreference(type: IngestResourceType, codes: RecordEntryDraft['codes']): boolean {
  return PREFERENCE_CAPABLE_TYPES.includes(type) && codes.some(isPreferenceCoding);
}
