import type { Issue } from '@ilinks/shared/kernel';

/** A parsed JSON object whose fields are not yet trusted. */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The array at `owner[key]`; `[]` when absent. Anything else is recorded as an issue and read as
 * `[]`, so that the caller can go on collecting the other problems.
 */
export function listAt(owner: JsonObject, key: string, path: string, issues: Issue[]): readonly unknown[] {
  const value = owner[key];
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  issues.push({ path, message: `${path} must be an array` });
  return [];
}

/** A trimmed non-empty string, `undefined` when absent; an issue (and `undefined`) otherwise. */
export function optionalTextAt(
  owner: JsonObject,
  key: string,
  path: string,
  issues: Issue[],
): string | undefined {
  const value = owner[key];
  if (value === undefined) return undefined;
  return textOrIssue(value, path, issues);
}

/** A trimmed non-empty string; an issue (and `undefined`) when absent or not one. */
export function requiredTextAt(
  owner: JsonObject,
  key: string,
  path: string,
  issues: Issue[],
): string | undefined {
  const value = owner[key];
  if (value === undefined) {
    issues.push({ path, message: `${path} is required` });
    return undefined;
  }
  return textOrIssue(value, path, issues);
}

/** `value` as a trimmed non-empty string; an issue (and `undefined`) when it is not one. */
export function textOrIssue(value: unknown, path: string, issues: Issue[]): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  issues.push({ path, message: `${path} must be a non-empty string` });
  return undefined;
}

/** `"1 problem"`, `"3 problems"`: for the summary line of a `ValidationError`. */
export function problemCount(issues: readonly Issue[]): string {
  return issues.length === 1 ? '1 problem' : `${issues.length} problems`;
}
