import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { PayloadTooLargeException } from '@nestjs/common';
import { isJsonObject, type JsonObject } from '../../patient/fhir-json';
import type { ReadContext } from './fhir-ingest-elements';
import { type IngestReading, readContextAt, readIngestResource } from './fhir-record-entry.parse';
import { type IngestResourceType, isIngestResourceType } from './ingest-resource-types';
import { refusalOf } from './unprocessable-entry';

/** The most entries one Bundle may hold (a 50-entry encounter is typical; 500 is generous). */
export const MAX_BUNDLE_ENTRIES = 500;

/** What one Bundle entry asks for. */
export type BundleOperation =
  | { readonly kind: 'write'; readonly method: 'POST' | 'PUT'; readonly reading: IngestReading }
  | {
      readonly kind: 'retract';
      readonly method: 'PUT' | 'DELETE';
      readonly resourceType: IngestResourceType;
      readonly partnerId: string;
    };

/** One entry: what it asks for, or why it is refused (a batch answers each entry on its own). */
export type BundleEntryReading =
  | { readonly ok: true; readonly operation: BundleOperation }
  | { readonly ok: false; readonly refusal: ValidationError };

export interface BundleReading {
  readonly type: 'transaction' | 'batch';
  readonly entries: readonly BundleEntryReading[];
}

const ENTRY_URL = /^([A-Z][A-Za-z]+)(?:\/([A-Za-z0-9.-]{1,64}))?$/;

/**
 * Reads a FHIR `transaction` or `batch` Bundle of ingestible resources. Entries are `POST <Type>`,
 * `PUT <Type>/<your id>` (a retraction when the resource says entered-in-error) or
 * `DELETE <Type>/<your id>`.
 *
 * @throws ValidationError naming the Bundle's bad elements; for a transaction, naming every bad
 *   entry's elements (`Bundle.entry[3].resource.subject`), so that nothing is stored. Retractions
 *   cannot be part of a transaction (the record service stores them one by one).
 * @throws PayloadTooLargeException (413) beyond {@link MAX_BUNDLE_ENTRIES} entries.
 */
export function readIngestBundle(body: unknown, now: Date): BundleReading {
  const context = readContextAt(now);
  const { type, entries } = readBundleShape(body, context);
  const shapeRefusal = refusalOf(context, 'the Bundle');
  if (shapeRefusal || type === undefined) throw shapeRefusal ?? new ValidationError('the Bundle is invalid');
  if (entries.length > MAX_BUNDLE_ENTRIES)
    throw new PayloadTooLargeException(`a Bundle may hold at most ${MAX_BUNDLE_ENTRIES} entries`);

  if (type === 'batch') {
    return {
      type,
      entries: entries.map((entry, index) => {
        const entryContext = readContextAt(now);
        const operation = readEntry(entry, `Bundle.entry[${index}]`, entryContext);
        const refusal = refusalOf(entryContext, `Bundle.entry[${index}]`);
        return refusal || !operation
          ? { ok: false, refusal: refusal ?? new ValidationError('invalid entry') }
          : { ok: true, operation };
      }),
    };
  }
  const operations = entries.map((entry, index) => {
    const at = `Bundle.entry[${index}]`;
    const operation = readEntry(entry, at, context);
    if (operation?.kind === 'retract') {
      context.invalid.push({
        path: `${at}.request`,
        message: `${at}: a retraction (entered-in-error or DELETE) cannot be part of a transaction: send it in a batch or on its own`,
      });
    }
    return operation;
  });
  const refusal = refusalOf(context, 'the transaction');
  if (refusal) throw refusal;
  return {
    type,
    entries: operations.flatMap((operation) => (operation ? [{ ok: true as const, operation }] : [])),
  };
}

function readBundleShape(
  body: unknown,
  context: ReadContext,
): { type?: 'transaction' | 'batch'; entries: readonly unknown[] } {
  if (!isJsonObject(body) || body['resourceType'] !== 'Bundle') {
    context.invalid.push({ path: 'Bundle.resourceType', message: "Bundle.resourceType must be 'Bundle'" });
    return { entries: [] };
  }
  const type = body['type'];
  if (type !== 'transaction' && type !== 'batch') {
    context.invalid.push({ path: 'Bundle.type', message: 'Bundle.type must be transaction or batch' });
    return { entries: [] };
  }
  const entries = body['entry'];
  if (entries !== undefined && !Array.isArray(entries)) {
    context.invalid.push({ path: 'Bundle.entry', message: 'Bundle.entry must be an array' });
    return { entries: [] };
  }
  return { type, entries: entries ?? [] };
}

function readEntry(entry: unknown, path: string, context: ReadContext): BundleOperation | undefined {
  if (!isJsonObject(entry)) {
    context.invalid.push({ path, message: `${path} must be a Bundle entry (a JSON object)` });
    return undefined;
  }
  const request = readRequest(entry, `${path}.request`, context);
  if (!request) return undefined;
  const resourcePath = `${path}.resource`;
  if (request.method === 'DELETE') {
    if (entry['resource'] !== undefined)
      context.invalid.push({ path: resourcePath, message: `${resourcePath} must be absent for a DELETE` });
    return { kind: 'retract', method: 'DELETE', resourceType: request.type, partnerId: request.id as string };
  }
  if (entry['resource'] === undefined) {
    context.invalid.push({
      path: resourcePath,
      message: `${resourcePath} is required for a ${request.method}`,
    });
    return undefined;
  }
  const reading = readIngestResource(
    entry['resource'],
    {
      path: resourcePath,
      expectedType: request.type,
      ...(request.id === undefined ? {} : { urlId: request.id }),
    },
    context,
  );
  if (!reading) return undefined;
  if (reading.enteredInError && request.method === 'PUT')
    return {
      kind: 'retract',
      method: 'PUT',
      resourceType: reading.resourceType,
      partnerId: reading.draft.partnerId,
    };
  if (reading.enteredInError) {
    context.invalid.push({
      path: `${path}.request.method`,
      message: `${path}: a resource entered in error is retracted with PUT or DELETE, not created`,
    });
    return undefined;
  }
  return { kind: 'write', method: request.method, reading };
}

interface EntryRequest {
  readonly method: 'POST' | 'PUT' | 'DELETE';
  readonly type: IngestResourceType;
  readonly id?: string;
}

function readRequest(entry: JsonObject, path: string, context: ReadContext): EntryRequest | undefined {
  const request = entry['request'];
  if (!isJsonObject(request)) {
    context.invalid.push({ path, message: `${path} is required: method and url` });
    return undefined;
  }
  const issues: Issue[] = [];
  const method = request['method'];
  if (method !== 'POST' && method !== 'PUT' && method !== 'DELETE')
    issues.push({ path: `${path}.method`, message: `${path}.method must be POST, PUT or DELETE` });
  const url = request['url'];
  const match = typeof url === 'string' ? ENTRY_URL.exec(url) : null;
  const type = match?.[1];
  const id = match?.[2];
  if (!match || !isIngestResourceType(type)) {
    issues.push({
      path: `${path}.url`,
      message: `${path}.url must be <Type> or <Type>/<your id>, of a type this server ingests`,
    });
  } else if (method === 'POST' && id !== undefined) {
    issues.push({ path: `${path}.url`, message: `${path}.url must be <Type> for a POST` });
  } else if ((method === 'PUT' || method === 'DELETE') && id === undefined) {
    issues.push({ path: `${path}.url`, message: `${path}.url must be <Type>/<your id> for a ${method}` });
  }
  context.invalid.push(...issues);
  if (issues.length > 0 || !isIngestResourceType(type)) return undefined;
  return { method: method as EntryRequest['method'], type, ...(id === undefined ? {} : { id }) };
}
