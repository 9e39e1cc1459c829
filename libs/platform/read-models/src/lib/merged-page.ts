import type { DocumentBody, Filter, Page, ReadModelCollection, StoredDocument } from './read-model.port';
import { ValidationError } from '@ilinks/shared/kernel';

/** Where one source stands: its port cursor, `null` before its first page, `false` when read to the end. */
type SourcePosition = string | null | false;

/** One equality query of the merge, named so that the cursor remembers where it stands. */
export interface MergeSource {
  readonly key: string;
  readonly where: Filter;
}

export interface MergedPage<T extends DocumentBody> {
  readonly items: T[];
  readonly nextCursor?: string;
}

const badCursor = (): ValidationError =>
  new ValidationError('cursor is not valid', [
    { path: 'cursor', message: 'cursor is not one this query gave' },
  ]);

function decodeCursor(cursor: string | undefined, sources: readonly MergeSource[]): SourcePosition[] {
  if (cursor === undefined) return sources.map(() => null);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw badCursor();
  const positions = decoded as Record<string, unknown>;
  if (Object.keys(positions).length !== sources.length) throw badCursor();
  return sources.map((source) => {
    const position = positions[source.key];
    if (position === null || position === false || typeof position === 'string') return position;
    throw badCursor();
  });
}

function encodeCursor(
  sources: readonly MergeSource[],
  positions: readonly SourcePosition[],
): string | undefined {
  if (positions.every((position) => position === false)) return undefined;
  const entries = sources.map((source, index) => [source.key, positions[index]]);
  return Buffer.from(JSON.stringify(Object.fromEntries(entries)), 'utf8').toString('base64url');
}

/**
 * One page, newest first by `sortField` (ties by id, as the port breaks them), of the union of
 * several equality queries, each a single index range: the read-model port has no "in", and a
 * person's letters or results sit under several local records and person ids. A document found by two
 * queries is returned once. The cursor holds each query's own port cursor.
 */
export async function mergedPage<T extends DocumentBody>(
  collection: ReadModelCollection<T>,
  sources: readonly MergeSource[],
  sortField: string,
  limit: number,
  cursor?: string,
): Promise<MergedPage<T>> {
  const positions = decodeCursor(cursor, sources);
  const sort = { field: sortField, direction: 'desc' as const };
  const read = (index: number, count: number) => {
    const position = positions[index];
    return collection.find({
      where: sources[index].where,
      sort,
      limit: count,
      ...(typeof position === 'string' ? { cursor: position } : {}),
    });
  };
  const pages = await Promise.all(
    sources.map(
      (_, index): Promise<Page<T>> =>
        positions[index] === false ? Promise.resolve({ items: [] }) : read(index, limit),
    ),
  );
  const keyOf = (doc: StoredDocument<T>) => ({ value: String(doc.body[sortField] ?? ''), id: doc.id });
  // Descending by (value, id): negative when `a` comes first.
  const compare = (a: StoredDocument<T>, b: StoredDocument<T>): number => {
    const [x, y] = [keyOf(a), keyOf(b)];
    if (x.value !== y.value) return x.value < y.value ? 1 : -1;
    return x.id === y.id ? 0 : x.id < y.id ? 1 : -1;
  };
  const merged = pages.flatMap((page) => page.items).sort(compare);
  const taken: StoredDocument<T>[] = [];
  for (const doc of merged) {
    if (taken.length === limit) break;
    if (taken.at(-1)?.id !== doc.id) taken.push(doc);
  }
  const boundary = taken.at(-1);
  const next = await Promise.all(
    pages.map(async (page, index): Promise<SourcePosition> => {
      if (positions[index] === false) return false;
      const consumed =
        boundary === undefined
          ? page.items.length
          : page.items.filter((doc) => compare(doc, boundary) <= 0).length;
      if (consumed === page.items.length) return page.nextCursor ?? false;
      if (consumed === 0) return positions[index];
      // Part of this query's page was used: read just that part again for its exact cursor.
      return (await read(index, consumed)).nextCursor ?? false;
    }),
  );
  const nextCursor = encodeCursor(sources, next);
  return { items: taken.map((doc) => doc.body), ...(nextCursor === undefined ? {} : { nextCursor }) };
}
