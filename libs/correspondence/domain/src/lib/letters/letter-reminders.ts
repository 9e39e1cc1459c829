import type { CopyState, ReminderPolicy } from './letter.types';

const SECOND = 1000;

/** Whether a copy still waits for its recipient (neither acknowledged nor rejected). */
export function isOpen(copy: Pick<CopyState, 'status'>): boolean {
  return copy.status === 'delivered' || copy.status === 'read';
}

/**
 * When reminder `number` (from 1) falls due: the first when the acknowledgement is due, then one
 * every interval.
 */
export function reminderDueAt(acknowledgementDueAt: string, number: number, policy: ReminderPolicy): Date {
  return new Date(Date.parse(acknowledgementDueAt) + (number - 1) * policy.intervalSeconds * SECOND);
}

/** When the copy's next reminder falls due, or undefined when none will (closed, or all raised). */
export function nextReminderAt(
  copy: Pick<CopyState, 'status' | 'acknowledgementDueAt' | 'reminders'>,
  policy: ReminderPolicy,
): Date | undefined {
  const next = copy.reminders + 1;
  if (!isOpen(copy) || next > policy.maxReminders) return undefined;
  return reminderDueAt(copy.acknowledgementDueAt, next, policy);
}

/** The number of the reminder due for the copy at `now`, or undefined when none is. */
export function dueReminder(
  copy: Pick<CopyState, 'status' | 'acknowledgementDueAt' | 'reminders'>,
  now: Date,
  policy: ReminderPolicy,
): number | undefined {
  const dueAt = nextReminderAt(copy, policy);
  return dueAt !== undefined && dueAt.getTime() <= now.getTime() ? copy.reminders + 1 : undefined;
}
