import type { ConsentItemV1, ConsentListV1 } from '@ilinks/consent/contracts';
import type { ReadModelCollection, StoredDocument } from '@ilinks/platform/read-models';
import { CLOCK } from '@ilinks/platform/runtime';
import { type Clock, NotFoundError, ValidationError } from '@ilinks/shared/kernel';
import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { consentItemV1 } from '../consent-responses';
import { ConsentViews } from '../consent-views';
import { type ConsentDocument, consentItemOf } from './consents.projection';

const STATUSES = ['active', 'inactive'] as const;

/** Every document of a person, page by page (a person's consents are few). */
async function allForPerson(
  collection: ReadModelCollection<ConsentDocument>,
  personId: string,
): Promise<StoredDocument<ConsentDocument>[]> {
  const documents: StoredDocument<ConsentDocument>[] = [];
  let cursor: string | undefined;
  do {
    const page = await collection.find({ where: { personId }, limit: 500, cursor });
    documents.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return documents;
}

/** Reads of consent items, from `consents_v1`. */
@Controller()
export class ConsentsController {
  constructor(
    private readonly views: ConsentViews,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('consents/:consentId')
  async get(@Param('consentId', new ParseUUIDPipe()) consentId: string): Promise<ConsentItemV1> {
    const found = await this.views.consents.get(consentId);
    if (found === undefined) throw new NotFoundError('No such consent item');
    return consentItemV1(found.body.personId, consentItemOf(found.body), this.clock.now());
  }

  /** A person's consent items, oldest first, optionally only the active or inactive ones. */
  @Get('persons/:personId/consents')
  async list(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Query('status') status: string | undefined,
  ): Promise<ConsentListV1> {
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      throw new ValidationError('status is not valid', [
        { path: 'status', message: 'status must be active or inactive' },
      ]);
    }
    const now = this.clock.now();
    const items = (await allForPerson(this.views.consents, personId))
      .map((doc) => consentItemV1(personId, consentItemOf(doc.body), now))
      .filter((item) => status === undefined || item.status === status)
      .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.consentId.localeCompare(b.consentId));
    return { items };
  }
}
