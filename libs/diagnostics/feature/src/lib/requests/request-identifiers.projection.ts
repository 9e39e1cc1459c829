import type { RequestIdentifier, TestRequestRecorded } from '@ilinks/diagnostics/domain';
import type { Projection, ProjectionEvent } from '@ilinks/platform/read-models';
import { deterministicUuid } from '@ilinks/shared/kernel';

const IDENTIFIER_NAMESPACE = 'ilinks:diagnostics:request-identifier';

/** One document per identifier key: the request that carries it. */
export type RequestIdentifierDocument = {
  key: string;
  requestId: string;
  organisation: string;
};

type Event = ProjectionEvent<'TestRequestRecorded', TestRequestRecorded['data']>;

/**
 * The keys an identifier is found by: `system|value` when it has a system, and `|value` always, so
 * that a `basedOn` naming the value alone still finds it.
 */
export function identifierKeysOf(identifier: RequestIdentifier): string[] {
  const bare = `|${identifier.value}`;
  return identifier.system === undefined ? [bare] : [`${identifier.system}|${identifier.value}`, bare];
}

/** The key a report's `basedOn` identifier is looked up by. */
export function lookupKeyOf(identifier: RequestIdentifier): string {
  return `${identifier.system ?? ''}|${identifier.value}`;
}

/** The document id of a key (order numbers stay out of ids). */
export function identifierDocumentId(key: string): string {
  return deterministicUuid(IDENTIFIER_NAMESPACE, key);
}

function keysOf(event: Event): string[] {
  return [...new Set(event.data.request.identifiers.flatMap(identifierKeysOf))];
}

/**
 * `request_identifiers_v1`: which request an order number names, for matching a report's
 * `basedOn`. The latest request to carry a key holds it; an identifier a revision drops keeps
 * naming the request (an order number is not reused for another request of the same organisation).
 */
export const requestIdentifiersProjection: Projection<RequestIdentifierDocument, Event> = {
  collection: { name: 'request_identifiers_v1', indexes: [] },
  handles: ['TestRequestRecorded'],
  documentId: (event) => keysOf(event).map(identifierDocumentId),
  evolve(_doc, event, id) {
    const key = keysOf(event).find((candidate) => identifierDocumentId(candidate) === id) ?? '';
    return { key, requestId: event.data.requestId, organisation: event.data.organisation };
  },
};
