import { ValidationError } from '@ilinks/shared/kernel';

/** The header in which a practitioner without a relationship states why they need the record. */
export const BREAK_GLASS_HEADER = 'X-Break-Glass-Reason';

export const BREAK_GLASS_REASON_MIN = 10;
export const BREAK_GLASS_REASON_MAX = 1000;

/**
 * The break-glass reason a request states, trimmed; `undefined` when it states none.
 *
 * @throws ValidationError at `X-Break-Glass-Reason` when it is repeated, shorter than 10 or longer
 * than 1000 characters (the reason itself is never echoed: it may describe the person).
 */
export function breakGlassReasonOf(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  const raw = headers[BREAK_GLASS_HEADER.toLowerCase()];
  if (raw === undefined) return undefined;
  const reason = typeof raw === 'string' ? raw.trim() : undefined;
  if (
    reason === undefined ||
    reason.length < BREAK_GLASS_REASON_MIN ||
    reason.length > BREAK_GLASS_REASON_MAX
  ) {
    throw new ValidationError('the request is invalid (1 problem)', [
      {
        path: BREAK_GLASS_HEADER,
        message: `the ${BREAK_GLASS_HEADER} header must be given once, stating the reason in ${BREAK_GLASS_REASON_MIN} to ${BREAK_GLASS_REASON_MAX} characters`,
      },
    ]);
  }
  return reason;
}
