import { CORRESPONDENCE_TOPIC } from '@ilinks/correspondence/contracts';
import { CORRESPONDENCE_STREAM_PREFIX } from '@ilinks/correspondence/domain';
import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { attachmentProviders } from './attachments/attachment-store';
import { ATTACHMENT_SETTINGS, loadAttachmentSettings } from './attachments/attachment.config';
import { letterInboxProjection } from './inbox/letter-inbox.projection';
import { correspondenceEventsMapper } from './integration-events/correspondence-events.mapper';
import { Correspondence } from './letters/correspondence';
import { InboxController, LettersController } from './letters/letters.controller';
import { lettersProjection } from './letters-view/letters.projection';
import { LetterReminders } from './reminders/letter-reminders';
import { loadReminderSettings, REMINDER_SETTINGS } from './reminders/reminder.config';

/**
 * The correspondence service: letters between care settings, their copies' deliveries, reads,
 * acknowledgements, rejections, forwards and reminders (issue 6). Consumes no other topic.
 */
export const correspondenceService: ServiceDefinition = {
  name: 'correspondence',
  streamPrefixes: [CORRESPONDENCE_STREAM_PREFIX],
  publishes: [CORRESPONDENCE_TOPIC],
  relayMapper: correspondenceEventsMapper,
  projections: [lettersProjection, letterInboxProjection],
};

/** The settings providers, from `env` (`process.env` when none is given). */
function settingsProviders(env?: NodeJS.ProcessEnv): Provider[] {
  return [
    { provide: ATTACHMENT_SETTINGS, useFactory: () => loadAttachmentSettings(env) },
    { provide: REMINDER_SETTINGS, useFactory: () => loadReminderSettings(env) },
  ];
}

@Module({
  controllers: [LettersController, InboxController],
  providers: [...attachmentProviders(), ...settingsProviders(), Correspondence, LetterReminders],
})
export class CorrespondenceModule {
  /** The module with its settings read from `env` instead of the process environment (specs). */
  static withSettings(env: NodeJS.ProcessEnv): DynamicModule {
    return { module: CorrespondenceModule, providers: settingsProviders(env) };
  }
}
