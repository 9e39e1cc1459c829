import type { AuditEntityV1 } from '@ilinks/audit/contracts';
import type { ResourceLabel } from '@ilinks/consent/domain';
import type {
  EntryAnnotationV1,
  EntryAnnotationsV1,
  RecordEntryV1,
  RecordShareV1,
  RecordSharesPageV1,
  SharedItemV1,
} from '@ilinks/record-projection/contracts';
import type { Principal } from '@ilinks/platform/security';
import { NotFoundError } from '@ilinks/shared/kernel';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { noteAccess, noteAuditFacts } from '../../audit/request-audit';
import { forwardedHeadersOf } from '../../patient/forwarded-headers';
import { servedFhirResourceOf } from '../read/entry-fhir';
import { noteEntries, type OpenedPersonRecord, PersonRecord } from '../read/person-record';
import { RecordSharingClient } from './record-sharing.client';
import type { InboxQuery, ShareRecordItemsBody } from './record-sharing.dto';

/** The request-level label a record is opened with: every item is then sifted by its own label. */
const WHOLE_RECORD: ResourceLabel = { part: 'demographics' };
/** Page size of an inbox when the caller names none. */
const DEFAULT_INBOX_PAGE = 20;
/** The same answer for an unknown entry and one the caller may not see. */
const ENTRY_NOT_FOUND = "no such entry in this person's record";
const SHARE_NOT_FOUND = 'no such share in your inbox';

/** A share as the audit trail names it. */
const shareEntity = (shareId: string): AuditEntityV1 => ({ resourceType: 'RecordShare', id: shareId });

/** Who acts: the token's subject and role, never anything the body says. */
const actorOf = (principal: Principal) => ({ subject: principal.subject, role: principal.role });

/**
 * Annotating and sharing at the edge: every item is one of the person's entries the caller may see
 * (opened through {@link PersonRecord}, so none skips the access decision); the inbox is the
 * caller's organisation's. Each route notes its audit facts.
 */
@Injectable()
export class RecordSharingEdge {
  constructor(
    private readonly personRecord: PersonRecord,
    private readonly sharing: RecordSharingClient,
  ) {}

  async annotate(
    personId: string,
    entryId: string,
    text: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<EntryAnnotationV1> {
    noteAuditFacts(request, { operation: 'Annotation.create' });
    const forwarded = forwardedHeadersOf(request);
    const { entry, personId: opened } = await this.visibleEntry(personId, entryId, principal, request);
    noteEntries(request, opened, [entry], []);
    const annotation = await this.sharing.annotate(
      entry.entryId,
      { organisation: principal.organisation, author: actorOf(principal), text },
      forwarded,
    );
    noteAccess(request, opened, { resourceType: 'Annotation', id: annotation.annotationId });
    return annotation;
  }

  async annotations(
    personId: string,
    entryId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<EntryAnnotationsV1> {
    noteAuditFacts(request, { operation: 'Annotation.search' });
    const { entry, personId: opened } = await this.visibleEntry(personId, entryId, principal, request);
    noteEntries(request, opened, [entry], []);
    return this.sharing.annotations(entry.entryId, forwardedHeadersOf(request));
  }

  /** Shares entries the sender may see, each as the sender was served it; 422 naming any other. */
  async share(
    personId: string,
    body: ShareRecordItemsBody,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<RecordShareV1> {
    noteAuditFacts(request, { operation: 'Share.create' });
    const forwarded = forwardedHeadersOf(request);
    const record = await this.personRecord.open(personId, principal, request, { label: WHOLE_RECORD });
    const entries = sharedEntriesOf(record, body.entryIds);
    noteEntries(request, record.person.personId, entries, []);
    const items = await Promise.all(
      entries.map(
        async (entry): Promise<SharedItemV1> => ({
          entryId: entry.entryId,
          revision: entry.revision,
          resourceType: entry.resourceType,
          organisation: entry.organisation,
          resource: servedFhirResourceOf(entry, record.person.personId),
          annotations:
            body.includeAnnotations === true
              ? (await this.sharing.annotations(entry.entryId, forwarded)).annotations
              : [],
        }),
      ),
    );
    const share = await this.sharing.share(
      {
        personId: record.person.personId,
        organisation: principal.organisation,
        sharedBy: actorOf(principal),
        recipient: {
          organisation: body.recipient.organisation,
          ...(body.recipient.team === undefined ? {} : { team: body.recipient.team }),
          ...(body.recipient.practitioner === undefined ? {} : { practitioner: body.recipient.practitioner }),
        },
        note: body.note,
        items,
      },
      forwarded,
    );
    noteAccess(request, record.person.personId, shareEntity(share.shareId));
    return share;
  }

  /** The caller's organisation's inbox, newest first. */
  async inbox(
    query: InboxQuery,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<RecordSharesPageV1> {
    noteAuditFacts(request, { operation: 'Share.search' });
    const page = await this.sharing.inbox(
      {
        organisation: principal.organisation,
        ...(query.personId === undefined ? {} : { personId: query.personId.toLowerCase() }),
        ...(query.team === undefined ? {} : { team: query.team }),
        ...(query.practitioner === undefined ? {} : { practitioner: query.practitioner }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query._cursor === undefined ? {} : { cursor: query._cursor }),
        limit: query._count ?? DEFAULT_INBOX_PAGE,
      },
      forwardedHeadersOf(request),
    );
    for (const share of page.shares) noteAccess(request, share.personId, shareEntity(share.shareId));
    return page;
  }

  /** One share of the caller's organisation's inbox; 404 for any other. */
  async inboxShare(shareId: string, principal: Principal, request: IncomingMessage): Promise<RecordShareV1> {
    noteAuditFacts(request, { operation: 'Share.read' });
    const share = await this.addressedShare(shareId, principal, request);
    noteShare(request, share);
    return share;
  }

  /** Marks a share of the caller's organisation's inbox read (a second time changes nothing). */
  async markRead(shareId: string, principal: Principal, request: IncomingMessage): Promise<RecordShareV1> {
    noteAuditFacts(request, { operation: 'Share.update' });
    const share = await this.addressedShare(shareId, principal, request);
    noteShare(request, share);
    return this.sharing.markRead(
      share.shareId,
      { organisation: principal.organisation, readBy: actorOf(principal) },
      forwardedHeadersOf(request),
    );
  }

  private async addressedShare(
    shareId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<RecordShareV1> {
    if (!UUID.test(shareId)) throw new NotFoundError(SHARE_NOT_FOUND);
    const share = await this.sharing
      .shareById(shareId.toLowerCase(), forwardedHeadersOf(request))
      .catch((error: unknown) => {
        throw error instanceof NotFoundError ? new NotFoundError(SHARE_NOT_FOUND) : error;
      });
    if (share.recipient.organisation !== principal.organisation) throw new NotFoundError(SHARE_NOT_FOUND);
    return share;
  }

  /** The entry, when it is one of the person's the caller may see; the same 404 otherwise. */
  private async visibleEntry(
    personId: string,
    entryId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<{ entry: RecordEntryV1; personId: string }> {
    const record = await this.personRecord.open(personId, principal, request, { label: WHOLE_RECORD });
    const entry = record.entries.find((candidate) => candidate.entryId === entryId.toLowerCase());
    if (entry === undefined) throw new NotFoundError(ENTRY_NOT_FOUND);
    if (!record.isVisible(entry)) {
      noteEntries(request, record.person.personId, [], [entry]);
      throw new NotFoundError(ENTRY_NOT_FOUND);
    }
    return { entry, personId: record.person.personId };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The entries to share, in the order asked; 422 naming every id the sender may not share. */
export function sharedEntriesOf(record: OpenedPersonRecord, entryIds: readonly string[]): RecordEntryV1[] {
  const byId = new Map(record.entries.map((entry) => [entry.entryId, entry]));
  const refused: string[] = [];
  const entries: RecordEntryV1[] = [];
  entryIds.forEach((entryId, index) => {
    const entry = byId.get(entryId.toLowerCase());
    if (entry === undefined || !record.isVisible(entry)) {
      refused.push(`entryIds[${index}]: not an entry of this person's record that you may share`);
    } else {
      entries.push(entry);
    }
  });
  if (refused.length > 0) throw new UnprocessableEntityException(refused);
  return entries;
}

/** Audit facts of a share read: the person, the share and every item in it. */
function noteShare(request: object, share: RecordShareV1): void {
  noteAccess(request, share.personId, shareEntity(share.shareId));
  for (const item of share.items) {
    noteAccess(request, share.personId, { resourceType: item.resourceType, id: item.entryId });
  }
}
