import { dueReminder, nextReminderAt } from './letter-reminders';
import type { CopyState } from './letter.types';

const policy = { intervalSeconds: 60, maxReminders: 3 };
const copy: Pick<CopyState, 'status' | 'acknowledgementDueAt' | 'reminders'> = {
  status: 'delivered',
  acknowledgementDueAt: '2026-03-01T09:00:00.000Z',
  reminders: 0,
};
const at = (time: string) => new Date(`2026-03-01T${time}.000Z`);

describe('dueReminder', () => {
  it('is none before the acknowledgement is due', () => {
    expect(dueReminder(copy, at('08:59:59'), policy)).toBeUndefined();
  });

  it('is the first when the acknowledgement is due', () => {
    expect(dueReminder(copy, at('09:00:00'), policy)).toBe(1);
  });

  it('is the next one interval after the previous', () => {
    expect(dueReminder({ ...copy, reminders: 1 }, at('09:00:59'), policy)).toBeUndefined();
    expect(dueReminder({ ...copy, reminders: 1 }, at('09:01:00'), policy)).toBe(2);
  });

  it('is the next one only, however late', () => {
    expect(dueReminder(copy, at('12:00:00'), policy)).toBe(1);
  });

  it('is none once the most reminders are raised', () => {
    expect(dueReminder({ ...copy, reminders: 3 }, at('12:00:00'), policy)).toBeUndefined();
  });

  it('is due for a read copy: it is still open', () => {
    expect(dueReminder({ ...copy, status: 'read' }, at('09:00:00'), policy)).toBe(1);
  });

  it.each(['acknowledged', 'rejected'] as const)('is none for a %s copy', (status) => {
    expect(dueReminder({ ...copy, status }, at('12:00:00'), policy)).toBeUndefined();
  });
});

describe('nextReminderAt', () => {
  it('is the due time, then one interval later, then none', () => {
    expect(nextReminderAt(copy, policy)?.toISOString()).toBe('2026-03-01T09:00:00.000Z');
    expect(nextReminderAt({ ...copy, reminders: 2 }, policy)?.toISOString()).toBe('2026-03-01T09:02:00.000Z');
    expect(nextReminderAt({ ...copy, reminders: 3 }, policy)).toBeUndefined();
    expect(nextReminderAt({ ...copy, status: 'acknowledged' }, policy)).toBeUndefined();
  });
});
