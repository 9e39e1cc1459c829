import type { AuditEventV1 } from '@ilinks/audit/contracts';
import type { Json, Projection, ProjectionEvent } from '@ilinks/platform/read-models';
import { AUDIT_RECORD_APPENDED, normalisedInstant } from '../audit-trail/audit-trail.stream';

/** A trail event as stored in the event store (and on the projector's feed). */
export type AuditTrailEvent = ProjectionEvent<typeof AUDIT_RECORD_APPENDED, AuditEventV1>;

/**
 * `audit_events_v1`, one document per record (id: recordId): the `AuditEventV1` under `event`,
 * beside the top-level fields the queries filter and sort on.
 */
export type AuditEventDocument = {
  readonly recordId: string;
  readonly agentSubject: string;
  readonly organisation: string;
  readonly breakGlass: boolean;
  /** UTC, milliseconds: sorts as text. */
  readonly recordedAt: string;
  readonly event: Json;
};

/** The fields every audit view filters on, from one trail event. */
export function queryFieldsOf(event: AuditEventV1): Omit<AuditEventDocument, 'event'> {
  const { record } = event;
  return {
    recordId: record.recordId,
    agentSubject: record.agent.subject,
    organisation: record.agent.organisation,
    breakGlass: isBreakGlass(event),
    recordedAt: normalisedInstant(record.recordedAt),
  };
}

/** A request made under break-glass: it stated a reason, used a grant, or was granted on that basis. */
export function isBreakGlass({ record }: AuditEventV1): boolean {
  return (
    record.breakGlassReason !== undefined ||
    record.breakGlassGrantId !== undefined ||
    record.basis === 'break-glass'
  );
}

export const auditEventOf = (doc: { readonly event: Json }): AuditEventV1 =>
  doc.event as unknown as AuditEventV1;

const SORTED = 'recordedAt';

export const auditEventsProjection: Projection<AuditEventDocument, AuditTrailEvent> = {
  collection: {
    name: 'audit_events_v1',
    indexes: [
      { fields: [SORTED] },
      { fields: ['agentSubject', SORTED] },
      { fields: ['organisation', SORTED] },
      { fields: ['breakGlass', SORTED] },
    ],
  },
  handles: [AUDIT_RECORD_APPENDED],
  documentId: (event) => event.data.record.recordId,
  // A record is written once; a replay of the same event rewrites the same document.
  evolve: (_doc, event) => ({ ...queryFieldsOf(event.data), event: event.data as unknown as Json }),
};
