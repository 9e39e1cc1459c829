export * from './lib/letters/letter.types';
export * from './lib/letters/letter.ids';
export * from './lib/letters/letter.rules';
export * from './lib/letters/letter.messages';
export * from './lib/letters/letter.decider';
export * from './lib/letters/letter-reminders';
export * from './lib/attachments';
