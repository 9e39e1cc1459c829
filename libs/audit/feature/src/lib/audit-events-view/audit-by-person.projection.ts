import type { Json, Projection } from '@ilinks/platform/read-models';
import { AUDIT_RECORD_APPENDED } from '../audit-trail/audit-trail.stream';
import { type AuditEventDocument, type AuditTrailEvent, queryFieldsOf } from './audit-events.projection';

/**
 * `audit_by_person_v1`: one document per record and person it concerned (id: `recordId:personId`),
 * so "who accessed this person's record" is one indexed query. Carries the whole event, so a page
 * needs no second read.
 */
export type AuditByPersonDocument = AuditEventDocument & { readonly personId: string };

export function auditByPersonId(recordId: string, personId: string): string {
  return `${recordId}:${personId}`;
}

const SORTED = 'recordedAt';

export const auditByPersonProjection: Projection<AuditByPersonDocument, AuditTrailEvent> = {
  collection: {
    name: 'audit_by_person_v1',
    indexes: [
      { fields: ['personId', SORTED] },
      { fields: ['personId', 'agentSubject', SORTED] },
      { fields: ['personId', 'organisation', SORTED] },
    ],
  },
  handles: [AUDIT_RECORD_APPENDED],
  documentId: (event) =>
    [...new Set(event.data.record.personIds)].map((personId) =>
      auditByPersonId(event.data.record.recordId, personId),
    ),
  evolve: (_doc, event, id) => ({
    ...queryFieldsOf(event.data),
    personId: id.slice(event.data.record.recordId.length + 1),
    event: event.data as unknown as Json,
  }),
};
