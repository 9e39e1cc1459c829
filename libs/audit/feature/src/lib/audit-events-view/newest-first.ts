import type { DocumentBody, Filter, ReadModelCollection, StoredDocument } from '@ilinks/platform/read-models';

/** A time-bounded page request on a view sorted by `recordedAt`. */
export interface NewestFirstRequest {
  readonly where: Filter;
  /** Inclusive lower bound (UTC ISO, as stored). */
  readonly since?: string;
  /** Exclusive upper bound (UTC ISO, as stored). */
  readonly until?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export interface NewestFirstPage<T extends DocumentBody> {
  readonly items: StoredDocument<T>[];
  readonly nextCursor?: string;
}

/** Reads of the store per request at most while skipping documents newer than `until`. */
const MAX_READS = 20;

/**
 * Newest first, with `since`/`until` on `recordedAt`. The read-model port filters on equality only,
 * so the time bounds are applied while paging the equality query sorted by `recordedAt` descending:
 * documents at or after `until` are skipped, and paging stops at the first one before `since`.
 * Each store read asks for exactly the items still wanted, so the store's cursor after a read is
 * this page's cursor too. A page can come back short (with a cursor) when `until` skips more than
 * {@link MAX_READS} reads' worth; the client follows the cursor.
 */
export async function findNewestFirst<T extends DocumentBody & { readonly recordedAt: string }>(
  collection: ReadModelCollection<T>,
  request: NewestFirstRequest,
): Promise<NewestFirstPage<T>> {
  const items: StoredDocument<T>[] = [];
  let cursor = request.cursor;
  for (let reads = 0; reads < MAX_READS && items.length < request.limit; reads += 1) {
    const page = await collection.find({
      where: request.where,
      sort: { field: 'recordedAt', direction: 'desc' },
      limit: request.limit - items.length,
      ...(cursor ? { cursor } : {}),
    });
    for (const doc of page.items) {
      if (request.since !== undefined && doc.body.recordedAt < request.since) return { items };
      if (request.until === undefined || doc.body.recordedAt < request.until) items.push(doc);
    }
    cursor = page.nextCursor;
    if (!cursor) return { items };
  }
  return { items, ...(cursor ? { nextCursor: cursor } : {}) };
}
