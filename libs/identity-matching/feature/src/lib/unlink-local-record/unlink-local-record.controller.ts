import type { UnlinkResponseV1 } from '@ilinks/identity-matching/contracts';
import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { IdentityWriteQueue } from '../link-local-record/identity-write-queue';
import { newPersonIdFor } from '../link-local-record/local-record-linker';
import { PersonChanges } from '../match-reviews/person-merges';
import { PersonViews } from '../persons-view/person-views';

export class UnlinkLocalRecordDto {
  @IsUUID() localRecordId!: string;
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
  @IsString() @Matches(/^\S{1,256}$/) requestedBy!: string;
}

/** A record linked in error is taken off its person and given a person of its own. */
@Controller('persons/:personId/unlink')
export class UnlinkLocalRecordController {
  constructor(
    private readonly changes: PersonChanges,
    private readonly persons: PersonViews,
    private readonly queue: IdentityWriteQueue,
  ) {}

  @Post()
  @HttpCode(200)
  async unlink(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: UnlinkLocalRecordDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<UnlinkResponseV1> {
    const newPersonId = newPersonIdFor(
      body.localRecordId,
      `unlink:${personId}:${idempotencyKey ?? randomUUID()}`,
    );
    await this.queue.run(() =>
      this.changes.unlink(personId, body.localRecordId, newPersonId, body.reason, body.requestedBy),
    );
    return { person: await this.persons.get(personId), newPerson: await this.persons.get(newPersonId) };
  }
}
