import { canonicalJson, deterministicUuid, type Issue, ValidationError } from '@ilinks/shared/kernel';
import { recipientKey } from './letter.ids';
import { LETTER_KINDS, type LetterRecipient } from './letter.types';

/** An ODS organisation code. */
export const ODS_CODE = /^[A-Z0-9]{3,10}$/;
export const MAX_TITLE_LENGTH = 200;
export const MAX_TEXT_LENGTH = 2000;
export const MAX_RECIPIENTS = 20;

const CONTENT_NAMESPACE = 'ilinks:correspondence:content';

/** A stable digest of a letter's content (canonical JSON): equal for equal content, whatever the key order. */
export function letterContentHash(content: unknown): string {
  return deterministicUuid(CONTENT_NAMESPACE, canonicalJson(content));
}

/** Trimmed text of `min`–`max` characters, or an issue at `path`. */
export function textIssues(path: string, text: string, min: number, max: number): Issue[] {
  const length = text.trim().length;
  if (length < min) return [{ path, message: `${path} must not be empty` }];
  if (length > max) return [{ path, message: `${path} must be at most ${max} characters` }];
  return [];
}

/** Issues with one recipient (an ODS organisation, team and practitioner not blank). */
export function recipientIssues(path: string, recipient: LetterRecipient): Issue[] {
  const issues: Issue[] = [];
  if (!ODS_CODE.test(recipient.organisation)) {
    issues.push({ path: `${path}.organisation`, message: 'organisation must be an ODS code' });
  }
  if (recipient.team !== undefined && recipient.team.trim() === '') {
    issues.push({ path: `${path}.team`, message: 'team must not be blank' });
  }
  if (recipient.practitioner !== undefined && recipient.practitioner.trim() === '') {
    issues.push({ path: `${path}.practitioner`, message: 'practitioner must not be blank' });
  }
  return issues;
}

/** Issues with a letter's recipients: 1–20, each valid, none twice. */
export function recipientsIssues(recipients: readonly LetterRecipient[]): Issue[] {
  if (recipients.length === 0) return [{ path: 'recipients', message: 'recipients must name at least one' }];
  if (recipients.length > MAX_RECIPIENTS) {
    return [{ path: 'recipients', message: `recipients must name at most ${MAX_RECIPIENTS}` }];
  }
  const seen = new Set<string>();
  return recipients.flatMap((recipient, index) => {
    const path = `recipients[${index}]`;
    const key = recipientKey(recipient);
    const duplicate = seen.has(key) ? [{ path, message: 'a recipient may be named only once' }] : [];
    seen.add(key);
    return [...recipientIssues(path, recipient), ...duplicate];
  });
}

/** What a letter to send must be (the parts a decider can check without its stream). */
export interface SendableLetter {
  readonly kind: string;
  readonly title: string;
  readonly note?: string;
  readonly recipients: readonly LetterRecipient[];
  readonly sentBy: { readonly organisation: string };
  readonly supersedes?: string;
  readonly supersededVersion?: number;
}

/**
 * Every issue with a letter to send. Exported so that a correction is checked before the letter
 * it corrects is marked superseded.
 */
export function sendLetterIssues(letter: SendableLetter): Issue[] {
  const issues: Issue[] = [
    ...textIssues('title', letter.title, 1, MAX_TITLE_LENGTH),
    ...(letter.note === undefined ? [] : textIssues('note', letter.note, 0, MAX_TEXT_LENGTH)),
    ...recipientsIssues(letter.recipients),
  ];
  if (!(LETTER_KINDS as readonly string[]).includes(letter.kind)) {
    issues.push({ path: 'kind', message: `kind must be one of ${LETTER_KINDS.join(', ')}` });
  }
  if (!ODS_CODE.test(letter.sentBy.organisation)) {
    issues.push({ path: 'sentBy.organisation', message: 'organisation must be an ODS code' });
  }
  const version = letter.supersededVersion;
  if ((letter.supersedes === undefined) !== (version === undefined)) {
    issues.push({
      path: 'supersedes',
      message: 'a correction names the letter and the version it supersedes',
    });
  } else if (version !== undefined && (!Number.isInteger(version) || version < 1)) {
    issues.push({ path: 'supersededVersion', message: 'supersededVersion must be a positive integer' });
  }
  return issues;
}

/** Throws one validation error listing every issue, when there is any. */
export function assertNoIssues(message: string, issues: readonly Issue[]): void {
  if (issues.length > 0) throw new ValidationError(message, issues);
}
