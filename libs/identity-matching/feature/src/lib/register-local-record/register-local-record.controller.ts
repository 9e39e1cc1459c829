import type { RegisterLocalRecordResponseV1 } from '@ilinks/identity-matching/contracts';
import {
  localRecordDecider,
  localRecordIdFor,
  localRecordStream,
  normaliseNhsNumber,
  type RegisterLocalRecord,
} from '@ilinks/identity-matching/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import { CLOCK, EVENT_STORE, executeCommand, ServiceRuntime } from '@ilinks/platform/runtime';
import { type Clock, OrganisationCode, ValidationError } from '@ilinks/shared/kernel';
import { Body, Controller, Headers, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { IdentityViews } from '../identity-views';
import { IdentityWriteQueue } from '../link-local-record/identity-write-queue';
import { LocalRecordLinker } from '../link-local-record/local-record-linker';
import { PersonViews } from '../persons-view/person-views';
import { RegisterLocalRecordDto } from './register-local-record.dto';

const IDEMPOTENCY_KEY = /^[\w.:-]{8,128}$/;

function commandOf(body: RegisterLocalRecordDto, idempotencyKey: string, now: Date): RegisterLocalRecord {
  const { nhsNumber, ...demographics } = body.demographics;
  return {
    type: 'RegisterLocalRecord',
    data: {
      localRecordId: localRecordIdFor(body.identifier),
      organisation: OrganisationCode(body.organisation),
      identifier: { system: body.identifier.system, value: body.identifier.value },
      demographics: {
        ...demographics,
        ...(nhsNumber === undefined ? {} : { nhsNumber: normaliseNhsNumber(nhsNumber) }),
      },
    },
    metadata: { idempotencyKey, now },
  };
}

const ALREADY_LINKED = { outcome: 'already-linked' } as const;

@Controller('local-records')
export class RegisterLocalRecordController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly runtime: ServiceRuntime,
    private readonly views: IdentityViews,
    private readonly persons: PersonViews,
    private readonly linker: LocalRecordLinker,
    private readonly queue: IdentityWriteQueue,
  ) {}

  /**
   * Registers a partner's patient record (or records what changed) and links it to a person.
   * 201 for a new record, 200 otherwise. A retry with the same `Idempotency-Key`, or the same
   * content again, records nothing new; a record left unlinked by a crash is linked on the retry.
   */
  @Post()
  async register(
    @Body() body: RegisterLocalRecordDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RegisterLocalRecordResponseV1> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ValidationError('Idempotency-Key header is not valid', [
        {
          path: 'Idempotency-Key',
          message: 'must be 8 to 128 letters, digits, dots, colons, dashes or underscores',
        },
      ]);
    }
    // Without a key, sending the same demographics again is still a no-op: the decider sees no change.
    const command = commandOf(body, idempotencyKey ?? randomUUID(), this.clock.now());
    const { localRecordId, organisation, demographics } = command.data;
    const outcome = await this.queue.run(async () => {
      const result = await executeCommand(
        this.eventStore,
        localRecordDecider,
        localRecordStream(localRecordId),
        command,
      );
      await this.runtime.waitForViews(result.position);
      const first = result.events[0];
      const record: RegisterLocalRecordResponseV1['record'] =
        first === undefined ? 'unchanged' : first.type === 'LocalRecordRegistered' ? 'registered' : 'updated';
      const current = await this.views.localRecords.get(localRecordId);
      const linkedTo = current?.body.personId;
      if (linkedTo) {
        const rematched =
          record === 'updated' && (await this.holdsOnlyThisRecord(linkedTo))
            ? await this.linker.rematch(
                { localRecordId, organisation, demographics, attempt: 'update' },
                linkedTo,
              )
            : undefined;
        return rematched ? { record, ...rematched } : { record, personId: linkedTo, link: ALREADY_LINKED };
      }
      const linked = await this.linker.link({
        localRecordId,
        organisation,
        demographics,
        attempt: 'registration',
      });
      return { record, ...linked };
    });
    response.status(outcome.record === 'registered' ? 201 : 200);
    return {
      localRecordId,
      personId: outcome.personId,
      record: outcome.record,
      link: outcome.link,
      person: await this.persons.get(outcome.personId),
    };
  }

  /** A person made for this record alone: an update may show it belongs to someone already known. */
  private async holdsOnlyThisRecord(personId: string): Promise<boolean> {
    const person = await this.persons.find(personId);
    return person?.status === 'active' && person.localRecords.length === 1;
  }
}
