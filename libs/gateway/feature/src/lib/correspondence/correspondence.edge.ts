import type { AuditEntityV1 } from '@ilinks/audit/contracts';
import type {
  ActorV1,
  AttachmentContentV1,
  InboxPageV1,
  LetterCopyV1,
  LettersPageV1,
  LetterV1,
} from '@ilinks/correspondence/contracts';
import type { Principal } from '@ilinks/platform/security';
import { ForbiddenError, NotFoundError } from '@ilinks/shared/kernel';
import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { noteAccess, noteAuditFacts } from '../audit/request-audit';
import { forwardedHeadersOf } from '../patient/forwarded-headers';
import { dataScopeOf } from '../patient/governing-persons';
import { forwardedOf } from '../record/read/person-record';
import { type CopyAction, CorrespondenceClient, type SentLetter } from './correspondence.client';
import type {
  AcknowledgeCopyBody,
  ForwardCopyBody,
  LetterInboxQuery,
  LetterPageQuery,
  RejectCopyBody,
  SendLetterBody,
  SentLettersQuery,
} from './correspondence.dto';
import { communicationFromFhir } from './fhir-communication.parse';
import { letterLabelOf, LetterSubjects } from './letter-subjects';

/** Page size of a list when the caller names none. */
export const DEFAULT_PAGE = 20;
/** The same answer for an unknown letter and one the caller may not see. */
export const LETTER_NOT_FOUND = 'no such letter';
const COPY_NOT_FOUND = 'no such copy of this letter';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A letter as the audit trail names it. */
export const letterEntity = (letterId: string): AuditEntityV1 => ({
  resourceType: 'DocumentReference',
  id: letterId,
});
const copyEntity = (copyId: string): AuditEntityV1 => ({ resourceType: 'LetterCopy', id: copyId });

/** Who acts: the token's subject, role and organisation, never anything the body says. */
const actorOf = (principal: Principal): ActorV1 => ({
  subject: principal.subject,
  role: principal.role,
  organisation: principal.organisation,
});

/**
 * Letters at the edge, for both ways in (FHIR and JSON): sending resolves whom the letter is about
 * and checks the sender may see them; reading lets through the sender organisation, a recipient
 * organisation, or whoever the person's access decision allows to see letters from the sender
 * (everyone else: 404). Every route notes its audit facts: each person and letter it touched.
 */
@Injectable()
export class CorrespondenceEdge {
  constructor(
    private readonly letters: CorrespondenceClient,
    private readonly subjects: LetterSubjects,
  ) {}

  /** `POST /fhir/Communication`: a partner sends a letter as its token's organisation. */
  async sendCommunication(
    body: unknown,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<SentLetter> {
    noteAuditFacts(request, { operation: 'Communication.create' });
    const forwarded = forwardedHeadersOf(request);
    const { patient, letter } = communicationFromFhir(body);
    const subject = await this.subjects.ofReference(patient, principal, request, forwarded);
    const sent = await this.letters.send({ subject, sentBy: actorOf(principal), ...letter }, forwarded);
    noteAccess(request, sent.letter.subject.personId, letterEntity(sent.letter.letterId));
    return sent;
  }

  /** `POST /correspondence/letters`: a practitioner sends a letter about a person they may see. */
  async sendLetter(
    body: SendLetterBody,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<SentLetter> {
    noteAuditFacts(request, { operation: 'Letter.create' });
    const forwarded = forwardedHeadersOf(request);
    const subject = await this.subjects.ofPerson(body.personId, principal, request, forwarded);
    const sent = await this.letters.send(
      {
        subject,
        sentBy: actorOf(principal),
        kind: body.kind,
        title: body.title,
        ...(body.note === undefined ? {} : { note: body.note }),
        recipients: body.recipients.map((recipient) => ({
          organisation: recipient.organisation,
          ...(recipient.team === undefined ? {} : { team: recipient.team }),
          ...(recipient.practitioner === undefined ? {} : { practitioner: recipient.practitioner }),
        })),
        attachment: {
          contentType: body.attachment.contentType,
          data: body.attachment.data,
          ...(body.attachment.title === undefined ? {} : { title: body.attachment.title }),
        },
        ...(body.supersedes === undefined ? {} : { supersedes: body.supersedes.toLowerCase() }),
      },
      forwarded,
    );
    noteAccess(request, sent.letter.subject.personId, letterEntity(sent.letter.letterId));
    return sent;
  }

  /** One letter the caller may read, with every copy's status; 404 for anyone else. */
  async letter(
    letterId: string,
    operation: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<LetterV1> {
    noteAuditFacts(request, { operation });
    return this.readableLetter(letterId, principal, request);
  }

  /** A readable letter's document, its hash verified by the service. */
  async content(
    letterId: string,
    operation: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<{ readonly letter: LetterV1; readonly content: AttachmentContentV1 }> {
    noteAuditFacts(request, { operation });
    const letter = await this.readableLetter(letterId, principal, request);
    const content = await this.letters.attachment(letter.letterId, forwardedOf(request));
    return { letter, content };
  }

  /** The caller's organisation's inbox, newest first. */
  async inbox(query: LetterInboxQuery, principal: Principal, request: IncomingMessage): Promise<InboxPageV1> {
    noteAuditFacts(request, { operation: 'Letter.search' });
    const page = await this.letters.inbox(
      {
        organisation: principal.organisation,
        ...(query.team === undefined ? {} : { team: query.team }),
        ...(query.practitioner === undefined ? {} : { practitioner: query.practitioner }),
        ...(query.personId === undefined ? {} : { personId: query.personId.toLowerCase() }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.kind === undefined ? {} : { kind: query.kind }),
        ...(query.overdue === undefined ? {} : { overdue: query.overdue }),
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        limit: query.limit ?? DEFAULT_PAGE,
      },
      forwardedOf(request),
    );
    for (const item of page.items) noteAccess(request, item.subject.personId, letterEntity(item.letterId));
    return page;
  }

  /** What the caller's organisation sent, with every copy's status. */
  async sent(
    query: SentLettersQuery,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<LettersPageV1> {
    noteAuditFacts(request, { operation: 'Letter.search' });
    const page = await this.letters.sent(
      {
        sender: principal.organisation,
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        limit: query.limit ?? DEFAULT_PAGE,
      },
      forwardedOf(request),
    );
    for (const letter of page.letters)
      noteAccess(request, letter.subject.personId, letterEntity(letter.letterId));
    return page;
  }

  /**
   * The letters about a person across settings, through the access decision: each letter is
   * labelled with its sender, and those the decision hides are neither shown nor counted. The
   * service is asked by the person's current local records and every person id merged into them.
   */
  async personLetters(
    personId: string,
    query: LetterPageQuery,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<LettersPageV1> {
    noteAuditFacts(request, { operation: 'Letter.search' });
    const forwarded = forwardedOf(request);
    const { person, access } = await this.subjects.open(personId, principal, request, forwarded);
    const page = await this.letters.personLetters(
      {
        ...dataScopeOf(person),
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        limit: query.limit ?? DEFAULT_PAGE,
      },
      forwarded,
    );
    const letters: LetterV1[] = [];
    for (const letter of page.letters) {
      const visible = access.isVisible(letterLabelOf(letter.sentBy.organisation));
      noteAccess(request, person.personId, {
        ...letterEntity(letter.letterId),
        ...(visible ? {} : { withheld: true }),
      });
      if (visible) letters.push(letter);
    }
    return { letters, ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) };
  }

  /** Marks a copy read, acknowledges or rejects it, as the token's user. */
  async act(
    letterId: string,
    copyId: string,
    action: CopyAction,
    body: AcknowledgeCopyBody | RejectCopyBody | undefined,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<LetterCopyV1> {
    noteAuditFacts(request, { operation: 'LetterCopy.update' });
    const forwarded = forwardedHeadersOf(request);
    const { copy } = await this.copyOf(letterId, copyId, principal, request);
    return this.letters.act(
      copy.letterId,
      copy.copyId,
      action,
      { by: actorOf(principal), ...body },
      forwarded,
    );
  }

  /** Forwards a copy to another recipient with a note; the new copy keeps the chain. */
  async forward(
    letterId: string,
    copyId: string,
    body: ForwardCopyBody,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<LetterCopyV1> {
    noteAuditFacts(request, { operation: 'LetterCopy.create' });
    const forwarded = forwardedHeadersOf(request);
    const { letter, copy } = await this.copyOf(letterId, copyId, principal, request);
    const made = await this.letters.forward(
      copy.letterId,
      copy.copyId,
      {
        by: actorOf(principal),
        to: {
          organisation: body.to.organisation,
          ...(body.to.team === undefined ? {} : { team: body.to.team }),
          ...(body.to.practitioner === undefined ? {} : { practitioner: body.to.practitioner }),
        },
        note: body.note,
      },
      forwarded,
    );
    noteAccess(request, letter.subject.personId, copyEntity(made.copyId));
    return made;
  }

  /** A copy of a letter the caller may read (the service checks they may act on it). */
  private async copyOf(
    letterId: string,
    copyId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<{ readonly letter: LetterV1; readonly copy: LetterCopyV1 }> {
    const letter = await this.readableLetter(letterId, principal, request);
    const copy = letter.copies.find((candidate) => candidate.copyId === copyId);
    if (copy === undefined) throw new NotFoundError(COPY_NOT_FOUND);
    noteAccess(request, letter.subject.personId, copyEntity(copy.copyId));
    return { letter, copy };
  }

  /**
   * The letter, when the caller's organisation sent it or holds a copy, or the person's access
   * decision lets them see letters from its sender; the same 404 otherwise.
   */
  private async readableLetter(
    letterId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<LetterV1> {
    if (!UUID.test(letterId)) throw new NotFoundError(LETTER_NOT_FOUND);
    const forwarded = forwardedOf(request);
    const letter = await this.letters.letter(letterId.toLowerCase(), forwarded).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError(LETTER_NOT_FOUND) : error;
    });
    const entity = letterEntity(letter.letterId);
    if (isParty(letter, principal.organisation)) {
      noteAccess(request, letter.subject.personId, entity);
      return letter;
    }
    try {
      const { person: governing, access } = await this.subjects.open(
        letter.subject.personId,
        principal,
        request,
        forwarded,
      );
      const visible = access.isVisible(letterLabelOf(letter.sentBy.organisation));
      noteAccess(request, governing.personId, visible ? entity : { ...entity, withheld: true });
      if (visible) return letter;
    } catch (error) {
      if (!(error instanceof NotFoundError || error instanceof ForbiddenError)) throw error;
    }
    throw new NotFoundError(LETTER_NOT_FOUND);
  }
}

/** Whether `organisation` sent the letter or holds a copy of it (forwarded copies included). */
export function isParty(letter: LetterV1, organisation: string): boolean {
  return (
    letter.sentBy.organisation === organisation ||
    letter.copies.some((copy) => copy.recipient.organisation === organisation)
  );
}
