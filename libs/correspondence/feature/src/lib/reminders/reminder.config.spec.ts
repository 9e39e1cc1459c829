import { loadReminderSettings } from './reminder.config';

describe('loadReminderSettings', () => {
  it('has defaults: due in 3 days, a reminder a day, 3 at most, a sweep a minute', () => {
    expect(loadReminderSettings({})).toEqual({
      acknowledgementDueSeconds: 259200,
      policy: { intervalSeconds: 86400, maxReminders: 3 },
      sweepSeconds: 60,
    });
  });

  it('reads the environment', () => {
    const settings = loadReminderSettings({
      ILINKS_LETTER_ACK_DUE_SECONDS: '5',
      ILINKS_LETTER_REMINDER_INTERVAL_SECONDS: '7',
      ILINKS_LETTER_MAX_REMINDERS: '1',
      ILINKS_CORRESPONDENCE_SWEEP_SECONDS: '2',
    });
    expect(settings).toEqual({
      acknowledgementDueSeconds: 5,
      policy: { intervalSeconds: 7, maxReminders: 1 },
      sweepSeconds: 2,
    });
  });

  it.each([
    ['ILINKS_LETTER_ACK_DUE_SECONDS', '0'],
    ['ILINKS_LETTER_MAX_REMINDERS', '0'],
    ['ILINKS_CORRESPONDENCE_SWEEP_SECONDS', '0.5'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadReminderSettings({ [name]: value })).toThrow(name);
  });
});
