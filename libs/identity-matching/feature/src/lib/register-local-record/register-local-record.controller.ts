import type { EventStore } from '@ilinks/platform/event-store';
import { CLOCK, EVENT_STORE, executeCommand } from '@ilinks/platform/runtime';
import {
  localRecordDecider,
  localRecordIdFor,
  localRecordStream,
  normaliseNhsNumber,
  type RegisterLocalRecord,
} from '@ilinks/identity-matching/domain';
import { type Clock, OrganisationCode, ValidationError } from '@ilinks/shared/kernel';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { RegisterLocalRecordDto } from './register-local-record.dto';

export interface RegisterLocalRecordResponse {
  readonly localRecordId: string;
  readonly outcome: 'registered' | 'updated' | 'unchanged';
  readonly position: string;
}

@Controller('local-records')
export class RegisterLocalRecordController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Registers a partner's patient record, or records what changed. A retry with the same
   * `Idempotency-Key` records nothing new.
   */
  @Post()
  @HttpCode(200)
  async register(
    @Body() body: RegisterLocalRecordDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<RegisterLocalRecordResponse> {
    if (idempotencyKey !== undefined && !/^[\w.:-]{8,128}$/.test(idempotencyKey)) {
      throw new ValidationError('Idempotency-Key header is not valid', [
        {
          path: 'Idempotency-Key',
          message: 'must be 8 to 128 letters, digits, dots, colons, dashes or underscores',
        },
      ]);
    }
    const localRecordId = localRecordIdFor(body.identifier);
    const command: RegisterLocalRecord = {
      type: 'RegisterLocalRecord',
      data: {
        localRecordId,
        organisation: OrganisationCode(body.organisation),
        identifier: { system: body.identifier.system, value: body.identifier.value },
        demographics: {
          ...body.demographics,
          nhsNumber:
            body.demographics.nhsNumber === undefined
              ? undefined
              : normaliseNhsNumber(body.demographics.nhsNumber),
        },
      },
      // Without a key, sending the same demographics again is still a no-op: the decider sees no change.
      metadata: { idempotencyKey: idempotencyKey ?? randomUUID(), now: this.clock.now() },
    };
    const result = await executeCommand(
      this.eventStore,
      localRecordDecider,
      localRecordStream(localRecordId),
      command,
    );
    const first = result.events[0];
    return {
      localRecordId,
      outcome:
        first === undefined ? 'unchanged' : first.type === 'LocalRecordRegistered' ? 'registered' : 'updated',
      position: result.position.toString(),
    };
  }
}
