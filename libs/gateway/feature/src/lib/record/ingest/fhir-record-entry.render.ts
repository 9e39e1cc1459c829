import type { RecordBatchItemV1, RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { type IssueType, type OperationOutcome, operationOutcome } from '@ilinks/platform/http';
import { isJsonObject, type JsonObject } from '../../patient/fhir-json';

/**
 * The resource as stored, under our id: `id` is the entry id (the one to read it by), `meta`
 * carries the revision and the time it was last changed. The partner's id stays the key of its
 * updates (`PUT /fhir/<Type>/<your id>`).
 */
export function fhirResourceOfEntry(entry: RecordEntryV1): JsonObject {
  const meta = isJsonObject(entry.resource['meta']) ? entry.resource['meta'] : {};
  return {
    ...entry.resource,
    id: entry.entryId,
    meta: { ...meta, versionId: String(entry.revision), lastUpdated: entry.lastUpdated },
  };
}

/** `W/"3"`: the weak ETag FHIR uses for a version. */
export function etagOf(entry: RecordEntryV1): string {
  return `W/"${entry.revision}"`;
}

/** One `Bundle.entry.response` of a transaction-response or batch-response. */
export interface BundleEntryResponse {
  readonly status: string;
  readonly location?: string;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly outcome?: OperationOutcome;
}

export interface ResponseBundle {
  readonly resourceType: 'Bundle';
  readonly type: 'transaction-response' | 'batch-response';
  readonly entry: readonly { readonly response: BundleEntryResponse }[];
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  503: 'Service Unavailable',
};

/** `"201 Created"`: a status line as `Bundle.entry.response.status` carries it. */
export function statusLine(status: number): string {
  const text = STATUS_TEXT[status];
  return text ? `${status} ${text}` : String(status);
}

/** The response of a stored entry: 201 when it is new, 200 when revised or unchanged. */
export function storedEntryResponse(entry: RecordEntryV1, created: boolean): BundleEntryResponse {
  return {
    status: statusLine(created ? 201 : 200),
    location: `${entry.resourceType}/${entry.entryId}/_history/${entry.revision}`,
    etag: etagOf(entry),
    lastModified: entry.lastUpdated,
  };
}

/** The response of a refused entry, with its OperationOutcome. */
export function refusedEntryResponse(
  status: number,
  problems: readonly { readonly diagnostics: string; readonly path?: string }[],
): BundleEntryResponse {
  return { status: statusLine(status), outcome: operationOutcome(issueTypeOf(status), problems) };
}

/** The response of an item the record service refused within a batch. */
export function refusedItemResponse(
  item: Extract<RecordBatchItemV1, { ok: false }>,
  path: string,
): BundleEntryResponse {
  return refusedEntryResponse(item.status, [{ diagnostics: item.diagnostics, path }]);
}

/** The OperationOutcome issue type that goes with an HTTP status. */
export function issueTypeOf(status: number): IssueType {
  switch (status) {
    case 400:
      return 'invalid';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 422:
      return 'business-rule';
    case 503:
      return 'transient';
    default:
      return 'exception';
  }
}
