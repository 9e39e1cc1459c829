import type { ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';
import { READ_MODEL_STORE } from '@ilinks/platform/runtime';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type BlockingEntry, blockingIndexProjection } from './blocking-index/blocking-index.projection';
import {
  type KnownDifferentEntry,
  knownDifferentProjection,
} from './known-different/known-different.projection';
import { type LocalRecordView, localRecordsProjection } from './local-records-view/local-records.projection';
import { type MatchReviewDocument, matchReviewsProjection } from './match-reviews/match-reviews.projection';
import { type PersonDocument, personsProjection } from './persons-view/persons.projection';

/** The identity service's own views, opened once (opening declares collections and indexes). */
@Injectable()
export class IdentityViews implements OnModuleInit {
  localRecords!: ReadModelCollection<LocalRecordView>;
  blockingIndex!: ReadModelCollection<BlockingEntry>;
  persons!: ReadModelCollection<PersonDocument>;
  knownDifferent!: ReadModelCollection<KnownDifferentEntry>;
  reviews!: ReadModelCollection<MatchReviewDocument>;

  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async onModuleInit(): Promise<void> {
    [this.localRecords, this.blockingIndex, this.persons, this.knownDifferent, this.reviews] =
      await Promise.all([
        this.store.collection<LocalRecordView>(localRecordsProjection.collection),
        this.store.collection<BlockingEntry>(blockingIndexProjection.collection),
        this.store.collection<PersonDocument>(personsProjection.collection),
        this.store.collection<KnownDifferentEntry>(knownDifferentProjection.collection),
        this.store.collection<MatchReviewDocument>(matchReviewsProjection.collection),
      ]);
  }
}
