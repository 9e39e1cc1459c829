export * from './lib/correspondence.service';
export * from './lib/letters-view/letters.projection';
export * from './lib/inbox/letter-inbox.projection';
export * from './lib/integration-events/correspondence-events.mapper';
export * from './lib/letters/correspondence';
export * from './lib/reminders/letter-reminders';
export * from './lib/reminders/reminder.config';
export * from './lib/attachments/attachment.config';
