import type { RecordItemsShared, RecordShareRead } from '@ilinks/record-projection/domain';
import type { RecordShareV1, SharedItemV1 } from '@ilinks/record-projection/contracts';
import type { Json, Projection, ProjectionEvent } from '@ilinks/platform/read-models';

type JsonObject = { [key: string]: Json };

/** One document per share: the share as the API serves it, plus the recipient split out for the inbox indexes. */
export type ShareDocument = {
  shareId: string;
  personId: string;
  organisation: string;
  sharedBy: { subject: string; role: string };
  recipient: { organisation: string; team?: string; practitioner?: string };
  note: string;
  items: JsonObject[];
  sharedAt: string;
  status: 'sent' | 'read';
  readAt?: string;
  readBy?: { subject: string; role: string };
  recipientOrganisation: string;
  /** Null when the share names no team, so "no team" sorts and filters like any other value. */
  recipientTeam: string | null;
  recipientPractitioner: string | null;
};

type Event =
  | ProjectionEvent<'RecordItemsShared', RecordItemsShared['data']>
  | ProjectionEvent<'RecordShareRead', RecordShareRead['data']>;

function documentOf(data: RecordItemsShared['data']): ShareDocument {
  return {
    shareId: data.shareId,
    personId: data.personId,
    organisation: data.organisation,
    sharedBy: { subject: data.sharedBy.subject, role: data.sharedBy.role },
    recipient: { ...data.recipient },
    note: data.note,
    // Recorded events hold JSON: what the gateway sent, as parsed.
    items: data.items as unknown as JsonObject[],
    sharedAt: data.sharedAt,
    status: 'sent',
    recipientOrganisation: data.recipient.organisation,
    recipientTeam: data.recipient.team ?? null,
    recipientPractitioner: data.recipient.practitioner ?? null,
  };
}

/** The share as the API returns it (without the view's own lookup keys). */
export function shareOf(document: ShareDocument): RecordShareV1 {
  const {
    recipientOrganisation: _organisation,
    recipientTeam: _team,
    recipientPractitioner: _practitioner,
    items,
    ...share
  } = document;
  return { ...share, items: items as unknown as SharedItemV1[] };
}

const inboxIndex = (...fields: string[]) => ({ fields: ['recipientOrganisation', ...fields, 'sharedAt'] });

/**
 * `record_shares_v1`: every share, by id, and the inbox of a recipient organisation (newest first),
 * narrowed to a team, a practitioner, a person or a status.
 */
export const recordSharesProjection: Projection<ShareDocument, Event> = {
  collection: {
    name: 'record_shares_v1',
    indexes: [
      inboxIndex(),
      inboxIndex('recipientTeam'),
      inboxIndex('recipientPractitioner'),
      inboxIndex('personId'),
      inboxIndex('status'),
    ],
  },
  handles: ['RecordItemsShared', 'RecordShareRead'],
  documentId: (event) => event.data.shareId,
  evolve(doc, event) {
    switch (event.type) {
      case 'RecordItemsShared':
        return documentOf(event.data);
      case 'RecordShareRead':
        // The stream starts with the share, so the document exists; keep the fact if not.
        return doc
          ? {
              ...doc,
              status: 'read',
              readAt: event.data.readAt,
              readBy: { subject: event.data.readBy.subject, role: event.data.readBy.role },
            }
          : null;
    }
  },
};
