import type {
  AttachmentContentV1,
  CopyActionRequestV1,
  ForwardCopyRequestV1,
  InboxPageV1,
  InboxQueryV1,
  LetterCopyV1,
  LettersPageV1,
  LetterV1,
  RejectCopyRequestV1,
  SendLetterRequestV1,
} from '@ilinks/correspondence/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import { type ForwardedHeaders, type ServiceCallers, serviceCallers } from '../patient/service-call';

const SERVICE = 'correspondence';
const SERVICE_TEXT = 'the correspondence service';
/** A letter carries up to a few MiB of attachment: sending and reading it take longer than a lookup. */
const TIMEOUT_MS = 30_000;

/** A letter sent: `created` false when the same document was sent again unchanged (200). */
export interface SentLetter {
  readonly letter: LetterV1;
  readonly created: boolean;
}

/** The letters about one person: their current local records and the person ids merged into them. */
export interface PersonLettersQuery {
  readonly localRecordIds: readonly string[];
  readonly personIds: readonly string[];
  readonly cursor?: string;
  readonly limit: number;
}

/** What an organisation sent. */
export interface SentLettersQuery {
  readonly sender: string;
  readonly status?: 'awaiting' | 'closed';
  readonly cursor?: string;
  readonly limit: number;
}

export type CopyAction = 'read' | 'acknowledge' | 'reject';

/**
 * The correspondence service's internal API (`correspondence-api.v1`), as the gateway calls it: its
 * refusals become the kernel's typed errors with its own issue texts (413 and 415 included), an
 * unreachable service `UnavailableError` (503).
 */
@Injectable()
export class CorrespondenceClient {
  private readonly service: ServiceCallers;

  constructor(@Inject(BACKEND_SERVICES) services: BackendServices) {
    this.service = serviceCallers(services, {
      name: SERVICE,
      text: SERVICE_TEXT,
      client: 'CorrespondenceClient',
      timeoutMs: TIMEOUT_MS,
    });
  }

  /** `POST /letters`, telling a new letter (201) from the same one sent again (200). */
  async send(request: SendLetterRequestV1, forwarded: ForwardedHeaders): Promise<SentLetter> {
    const { value, created } = await this.service.create<LetterV1>('/letters', forwarded, request);
    return { letter: value, created };
  }

  letter(letterId: string, forwarded: ForwardedHeaders): Promise<LetterV1> {
    return this.service.call('GET', `/letters/${encodeURIComponent(letterId)}`, forwarded);
  }

  attachment(letterId: string, forwarded: ForwardedHeaders): Promise<AttachmentContentV1> {
    return this.service.call('GET', `/letters/${encodeURIComponent(letterId)}/attachment`, forwarded);
  }

  personLetters(query: PersonLettersQuery, forwarded: ForwardedHeaders): Promise<LettersPageV1> {
    const search = new URLSearchParams();
    for (const id of query.localRecordIds) search.append('localRecordId', id);
    for (const id of query.personIds) search.append('personId', id);
    if (query.cursor !== undefined) search.set('cursor', query.cursor);
    search.set('limit', String(query.limit));
    return this.service.call('GET', `/letters?${search.toString()}`, forwarded);
  }

  sent(query: SentLettersQuery, forwarded: ForwardedHeaders): Promise<LettersPageV1> {
    return this.service.call('GET', `/letters?${searchOf({ ...query })}`, forwarded);
  }

  inbox(query: InboxQueryV1, forwarded: ForwardedHeaders): Promise<InboxPageV1> {
    return this.service.call('GET', `/inbox?${searchOf({ ...query })}`, forwarded);
  }

  act(
    letterId: string,
    copyId: string,
    action: CopyAction,
    request: CopyActionRequestV1 | RejectCopyRequestV1,
    forwarded: ForwardedHeaders,
  ): Promise<LetterCopyV1> {
    return this.service.call('POST', copyPath(letterId, copyId, action), forwarded, request);
  }

  forward(
    letterId: string,
    copyId: string,
    request: ForwardCopyRequestV1,
    forwarded: ForwardedHeaders,
  ): Promise<LetterCopyV1> {
    return this.service.call('POST', copyPath(letterId, copyId, 'forward'), forwarded, request);
  }
}

function copyPath(letterId: string, copyId: string, action: string): string {
  return `/letters/${encodeURIComponent(letterId)}/copies/${encodeURIComponent(copyId)}/${action}`;
}

function searchOf(query: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) search.set(name, String(value));
  }
  return search.toString();
}
