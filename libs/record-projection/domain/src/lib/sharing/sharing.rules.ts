import { type Issue, ValidationError } from '@ilinks/shared/kernel';

/** Longest annotation or share note, in characters after trimming. */
export const MAX_TEXT_LENGTH = 2000;
/** Most items one share carries. */
export const MAX_SHARED_ITEMS = 100;
/** An ODS organisation code. */
export const ODS_CODE = /^[A-Z0-9]{3,10}$/;

/** A free text trimmed, with what is wrong with it once trimmed (empty, or too long). */
export interface CheckedText {
  readonly text: string;
  readonly issues: readonly Issue[];
}

/** Trims `text` and checks its length (1 to {@link MAX_TEXT_LENGTH} characters). */
export function checkedText(path: string, text: string): CheckedText {
  const trimmed = text.trim();
  if (trimmed.length === 0)
    return { text: trimmed, issues: [{ path, message: `${path} must not be empty` }] };
  if (trimmed.length > MAX_TEXT_LENGTH) {
    return {
      text: trimmed,
      issues: [{ path, message: `${path} must be at most ${MAX_TEXT_LENGTH} characters` }],
    };
  }
  return { text: trimmed, issues: [] };
}

/** Throws one validation error listing every issue, when there is any. */
export function assertNoIssues(message: string, issues: readonly Issue[]): void {
  if (issues.length > 0) throw new ValidationError(message, issues);
}
