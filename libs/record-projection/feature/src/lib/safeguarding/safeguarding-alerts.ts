import type {
  AcknowledgeAlertRequestV1,
  RecordEntryChangedV1,
  SafeguardingAlertsPageV1,
  SafeguardingAlertV1,
} from '@ilinks/record-projection/contracts';
import {
  type AcknowledgeSafeguardingAlert,
  alertsForAttendance,
  isAttendanceToAssess,
  entryStream,
  type RaiseSafeguardingAlert,
  type RecordEntryEvent,
  safeguardingAlertDecider,
  type SafeguardingAlertRaisedData,
  safeguardingAlertStream,
  type SafeguardingEntry,
  type SafeguardingSettings,
} from '@ilinks/record-projection/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import type { ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';
import {
  CLOCK,
  EVENT_STORE,
  executeCommand,
  READ_MODEL_STORE,
  ServiceRuntime,
} from '@ilinks/platform/runtime';
import { type Clock, deterministicUuid, NotFoundError } from '@ilinks/shared/kernel';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { subjectKeyOf } from '../entries-view/entries.projection';
import { selectPersonEntries } from '../person-entries/person-entries';
import { RecordViews } from '../record-views';
import {
  safeguardingAlertOf,
  type SafeguardingAlertDocument,
  safeguardingAlertsProjection,
} from './safeguarding-alerts.projection';
import { SAFEGUARDING_SETTINGS } from './safeguarding.config';

/** An encounter as assessed, with the partner identifier of its patient. */
type AssessedEncounter = SafeguardingEntry & { readonly subject: { system: string; value: string } };

/** What a list of alerts may narrow to. */
export interface AlertsQuery {
  readonly organisation: string;
  readonly personId?: string;
  readonly status?: 'open' | 'acknowledged';
  readonly cursor?: string;
  readonly limit?: number;
}

/**
 * The early warning: decides which alerts a recorded Encounter raises, keeps each alert on its own
 * stream, and serves the `safeguarding_alerts_v1` view.
 */
@Injectable()
export class SafeguardingAlerts implements OnModuleInit {
  private alerts!: ReadModelCollection<SafeguardingAlertDocument>;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SAFEGUARDING_SETTINGS) private readonly settings: SafeguardingSettings,
    private readonly runtime: ServiceRuntime,
    private readonly views: RecordViews,
  ) {}

  async onModuleInit(): Promise<void> {
    this.alerts = await this.store.collection<SafeguardingAlertDocument>(
      safeguardingAlertsProjection.collection,
    );
  }

  /**
   * Raises the alerts a recorded or revised Encounter stands for, once its patient's local record
   * is linked to a person. The record may be linked after the encounter arrives (registered moments
   * before, on another topic): then {@link reassessLocalRecord} assesses it when the link arrives.
   * Each alert is raised at most once (its id is deterministic), so seeing an attendance twice, by
   * either path or by redelivery, raises nothing new.
   */
  async assess(change: RecordEntryChangedV1, causationId: string): Promise<SafeguardingAlertRaisedData[]> {
    if (change.resourceType !== 'Encounter' || change.change === 'entered-in-error') return [];
    const encounter = await this.currentVersion(change.entryId);
    if (!encounter) return [];
    const localRecordId =
      change.localRecordId ?? (await this.views.localRecordIdOf(encounter.subject, encounter.organisation));
    if (localRecordId === undefined) return [];
    const personId = (await this.views.localRecords.get(localRecordId))?.body.personId;
    if (!personId) return [];
    return this.assessAttendance(personId, encounter, causationId);
  }

  /**
   * A local record was linked to a person: assesses its encounters again (those older than the
   * pattern window warn no one, so this is cheap), so an attendance recorded before the link is
   * not missed.
   */
  async reassessLocalRecord(
    localRecordId: string,
    causationId: string,
  ): Promise<SafeguardingAlertRaisedData[]> {
    const localRecord = (await this.views.localRecords.get(localRecordId))?.body;
    if (!localRecord?.personId) return [];
    const subjectKey = subjectKeyOf({
      system: localRecord.identifierSystem,
      value: localRecord.identifierValue,
    });
    const now = this.clock.now().toISOString();
    // The entries view holds each encounter's current version: no need to read its stream.
    const attendances = (await this.views.entriesAbout(subjectKey, 'Encounter')).filter(
      (entry) =>
        entry.status === 'current' &&
        entry.organisation === localRecord.organisation &&
        isAttendanceToAssess(entry, this.settings, now),
    );
    if (attendances.length === 0) return [];
    const entries = await this.entriesOf(localRecord.personId);
    const raised: SafeguardingAlertRaisedData[] = [];
    for (const encounter of attendances)
      raised.push(...(await this.raiseFor(localRecord.personId, encounter, entries, now, causationId)));
    return raised;
  }

  private async assessAttendance(
    personId: string,
    encounter: SafeguardingEntry,
    causationId: string,
  ): Promise<SafeguardingAlertRaisedData[]> {
    const now = this.clock.now().toISOString();
    if (!isAttendanceToAssess(encounter, this.settings, now)) return [];
    return this.raiseFor(personId, encounter, await this.entriesOf(personId), now, causationId);
  }

  /** Raises what one attendance stands for, given the person's flags and encounters. */
  private async raiseFor(
    personId: string,
    encounter: SafeguardingEntry,
    entries: readonly SafeguardingEntry[],
    now: string,
    causationId: string,
  ): Promise<SafeguardingAlertRaisedData[]> {
    const alerts = alertsForAttendance({
      personId,
      encounter,
      entries,
      settings: this.settings,
      raisedAt: now,
    });
    for (const alert of alerts) await this.raise(alert, causationId);
    return alerts;
  }

  /** Records the acknowledgement (only the addressed organisation; a second call changes nothing). */
  async acknowledge(alertId: string, request: AcknowledgeAlertRequestV1): Promise<SafeguardingAlertV1> {
    const { organisation, acknowledgedBy } = request;
    const command: AcknowledgeSafeguardingAlert = {
      type: 'AcknowledgeSafeguardingAlert',
      data: {
        alertId,
        organisation,
        acknowledgedBy: { subject: acknowledgedBy.subject, role: acknowledgedBy.role },
      },
      metadata: {
        idempotencyKey: deterministicUuid(`acknowledge:${alertId}`, organisation),
        now: this.clock.now(),
        actor: acknowledgedBy.subject,
      },
    };
    const result = await executeCommand(
      this.eventStore,
      safeguardingAlertDecider,
      safeguardingAlertStream(alertId),
      command,
    );
    await this.runtime.waitForViews(result.position);
    return this.byId(alertId);
  }

  async byId(alertId: string): Promise<SafeguardingAlertV1> {
    const found = await this.alerts.get(alertId);
    if (!found) throw new NotFoundError('no such alert');
    return safeguardingAlertOf(found.body);
  }

  /** The alerts addressed to an organisation, newest first. */
  async list(query: AlertsQuery): Promise<SafeguardingAlertsPageV1> {
    const page = await this.alerts.find({
      where: {
        organisation: query.organisation,
        ...(query.personId === undefined ? {} : { personId: query.personId }),
        ...(query.status === undefined ? {} : { status: query.status }),
      },
      sort: { field: 'raisedAt', direction: 'desc' },
      limit: query.limit ?? 50,
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    return {
      alerts: page.items.map((item) => safeguardingAlertOf(item.body)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  private async raise(alert: SafeguardingAlertRaisedData, causationId: string): Promise<void> {
    const command: RaiseSafeguardingAlert = {
      type: 'RaiseSafeguardingAlert',
      data: alert,
      metadata: { idempotencyKey: `raise:${alert.alertId}`, now: this.clock.now() },
    };
    await executeCommand(
      this.eventStore,
      safeguardingAlertDecider,
      safeguardingAlertStream(alert.alertId),
      command,
      {
        causationId,
      },
    );
  }

  /** The encounter's newest version from its own stream (the entries view may not show it yet). */
  private async currentVersion(entryId: string): Promise<AssessedEncounter | undefined> {
    const recorded = await this.eventStore.readStream(entryStream(entryId));
    const last = recorded.at(-1);
    if (!last) return undefined;
    const event = { type: last.type, data: last.data } as RecordEntryEvent;
    if (event.type !== 'RecordEntryRecorded' && event.type !== 'RecordEntryRevised') return undefined;
    const version = event.data;
    return {
      entryId: version.entryId,
      organisation: version.organisation,
      resourceType: version.resourceType,
      status: 'current',
      ...(version.effectiveAt === undefined ? {} : { effectiveAt: version.effectiveAt }),
      recordedAt: version.recordedAt,
      resource: version.resource,
      subject: version.subject,
    };
  }

  /** The person's current flags and encounters, through their local records (as person reads do). */
  private async entriesOf(personId: string): Promise<SafeguardingEntry[]> {
    const records = await this.views.localRecordEntriesOf(personId, ['Flag', 'Encounter']);
    return selectPersonEntries(records, { includeEnteredInError: false });
  }
}
