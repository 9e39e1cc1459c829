import type { ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';
import { READ_MODEL_STORE } from '@ilinks/platform/runtime';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type AccessAlertDocument, accessAlertsProjection } from './access-alerts/access-alerts.projection';
import {
  type AuditByPersonDocument,
  auditByPersonProjection,
} from './audit-events-view/audit-by-person.projection';
import { type AuditEventDocument, auditEventsProjection } from './audit-events-view/audit-events.projection';

/** The audit service's own views, opened once (opening declares collections and indexes). */
@Injectable()
export class AuditViews implements OnModuleInit {
  events!: ReadModelCollection<AuditEventDocument>;
  byPerson!: ReadModelCollection<AuditByPersonDocument>;
  alerts!: ReadModelCollection<AccessAlertDocument>;

  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async onModuleInit(): Promise<void> {
    [this.events, this.byPerson, this.alerts] = await Promise.all([
      this.store.collection<AuditEventDocument>(auditEventsProjection.collection),
      this.store.collection<AuditByPersonDocument>(auditByPersonProjection.collection),
      this.store.collection<AccessAlertDocument>(accessAlertsProjection.collection),
    ]);
  }
}
