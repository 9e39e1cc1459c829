import { letterDecider, letterStream, type RemindOverdueCopy } from '@ilinks/correspondence/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import type { ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';
import {
  actOnDue,
  CLOCK,
  EVENT_STORE,
  executeCommand,
  PeriodicSweep,
  READ_MODEL_STORE,
  ServiceRuntime,
} from '@ilinks/platform/runtime';
import { type Clock, isDomainError } from '@ilinks/shared/kernel';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { type InboxDocument, letterInboxProjection, storedItemOf } from '../inbox/letter-inbox.projection';
import { REMINDER_SETTINGS, type ReminderSettings } from './reminder.config';

/**
 * Raises the reminders of copies left unacknowledged: every `ILINKS_CORRESPONDENCE_SWEEP_SECONDS`,
 * the open copies whose next reminder has fallen due (an index range of the inbox view) each get
 * `RemindOverdueCopy`. The reminder's idempotency key names the copy and the reminder, so
 * replicas sweeping at once raise it once.
 */
@Injectable()
export class LetterReminders implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LetterReminders');
  private inboxLines!: ReadModelCollection<InboxDocument>;
  private readonly sweep: PeriodicSweep;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(REMINDER_SETTINGS) private readonly settings: ReminderSettings,
    private readonly runtime: ServiceRuntime,
  ) {
    this.sweep = new PeriodicSweep({
      name: 'letter-reminders',
      intervalMs: settings.sweepSeconds * 1000,
      sweep: () => this.sweepOnce(),
      onError: (error) => this.logger.warn(`a reminder sweep failed: ${errorName(error)}`),
    });
  }

  async onModuleInit(): Promise<void> {
    this.inboxLines = await this.store.collection<InboxDocument>(letterInboxProjection.collection);
  }

  onApplicationBootstrap(): void {
    this.sweep.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweep.stop();
  }

  /** One round: raises every reminder due now; resolves with how many were raised, once the views show them. */
  async sweepOnce(): Promise<number> {
    const now = this.clock.now();
    let last = -1n;
    const raised = await actOnDue({
      collection: this.inboxLines,
      where: { awaitingReminder: true },
      dueField: 'nextReminderAt',
      now,
      act: async (line) => {
        const position = await this.remind(line, now);
        if (position !== undefined && position > last) last = position;
        return position !== undefined;
      },
    });
    if (last >= 0n) await this.runtime.waitForViews(last);
    return raised;
  }

  /** The position of the reminder raised, or undefined when none was (closed meanwhile, or refused). */
  private async remind(document: InboxDocument, now: Date): Promise<bigint | undefined> {
    const { copy } = storedItemOf(document);
    const reminder = copy.reminders.length + 1;
    const command: RemindOverdueCopy = {
      type: 'RemindOverdueCopy',
      data: { letterId: copy.letterId, copyId: copy.copyId, reminder, policy: this.settings.policy },
      metadata: { idempotencyKey: `reminder:${copy.copyId}:${reminder}`, now },
    };
    try {
      const result = await executeCommand(
        this.eventStore,
        letterDecider,
        letterStream(copy.letterId),
        command,
      );
      return result.events.length > 0 ? result.position : undefined;
    } catch (error) {
      // A copy whose reminder the decider refuses (e.g. the policy changed) must not stop the others.
      if (!isDomainError(error)) throw error;
      this.logger.warn(`a reminder was refused: ${error.code}`);
      return undefined;
    }
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}
