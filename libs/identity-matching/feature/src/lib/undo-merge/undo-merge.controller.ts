import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IdentityWriteQueue } from '../link-local-record/identity-write-queue';
import { PersonChanges } from '../match-reviews/person-merges';
import { PersonViews } from '../persons-view/person-views';

export class UndoMergeDto {
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
  @IsString() @Matches(/^\S{1,256}$/) requestedBy!: string;
}

/** Undoes a merge: the merged person comes back with exactly the records the merge took. */
@Controller('persons/:personId/merges/:mergeId/undo')
export class UndoMergeController {
  constructor(
    private readonly changes: PersonChanges,
    private readonly persons: PersonViews,
    private readonly queue: IdentityWriteQueue,
  ) {}

  @Post()
  @HttpCode(200)
  async undo(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Param('mergeId') mergeId: string,
    @Body() body: UndoMergeDto,
  ): Promise<PersonViewV1> {
    await this.queue.run(() => this.changes.undoMerge(personId, mergeId, body.reason, body.requestedBy));
    return this.persons.get(personId);
  }
}
