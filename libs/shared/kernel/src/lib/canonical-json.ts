/**
 * The canonical JSON text of a value: object keys sorted (by UTF-16 code units), no whitespace,
 * properties whose value is `undefined` left out (as `JSON.stringify` does). Two values that are
 * equal as JSON give the same text whatever order their keys were written in, so a hash over it
 * is stable across serialisers, stores and replays.
 *
 * @throws TypeError for what JSON cannot hold (non-finite numbers, bigints, functions, symbols).
 */
export function canonicalJson(value: unknown): string {
  const text = canonical(value);
  if (text === undefined) throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  return text;
}

function canonical(value: unknown): string | undefined {
  const plain = withToJson(value);
  if (plain === null) return 'null';
  switch (typeof plain) {
    case 'string':
    case 'boolean':
      return JSON.stringify(plain);
    case 'number':
      if (!Number.isFinite(plain)) throw new TypeError('canonicalJson: a non-finite number is not JSON');
      return JSON.stringify(plain);
    case 'undefined':
      return undefined;
    case 'object':
      return Array.isArray(plain) ? canonicalArray(plain) : canonicalObject(plain as Record<string, unknown>);
    case 'bigint':
    case 'symbol':
    case 'function':
      throw new TypeError(`canonicalJson: a ${typeof plain} is not JSON`);
  }
}

/** Dates and other objects with `toJSON` serialise as JSON.stringify would serialise them. */
function withToJson(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'toJSON' in value) {
    const toJson = (value as { toJSON: unknown }).toJSON;
    if (typeof toJson === 'function') return (toJson as () => unknown).call(value);
  }
  return value;
}

function canonicalArray(items: readonly unknown[]): string {
  // As in JSON.stringify, an array slot that cannot be JSON (undefined) reads as null.
  return `[${items.map((item) => canonical(item) ?? 'null').join(',')}]`;
}

function canonicalObject(object: Record<string, unknown>): string {
  const members: string[] = [];
  for (const key of Object.keys(object).sort(compareCodeUnits)) {
    const text = canonical(object[key]);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
