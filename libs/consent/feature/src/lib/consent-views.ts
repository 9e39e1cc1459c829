import type { ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';
import { READ_MODEL_STORE } from '@ilinks/platform/runtime';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type ConsentDocument, consentsProjection } from './consents-view/consents.projection';
import {
  type IdentityLocalRecord,
  identityLocalRecordsProjection,
} from './identity-facts/identity-local-records.projection';
import { type IdentityMerge, identityMergesProjection } from './identity-facts/identity-merges.projection';
import {
  type RelationshipDocument,
  relationshipsProjection,
} from './relationships-view/relationships.projection';

/** The consent service's views, opened once (opening declares collections and indexes). */
@Injectable()
export class ConsentViews implements OnModuleInit {
  consents!: ReadModelCollection<ConsentDocument>;
  relationships!: ReadModelCollection<RelationshipDocument>;
  localRecords!: ReadModelCollection<IdentityLocalRecord>;
  merges!: ReadModelCollection<IdentityMerge>;

  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async onModuleInit(): Promise<void> {
    [this.consents, this.relationships, this.localRecords, this.merges] = await Promise.all([
      this.store.collection<ConsentDocument>(consentsProjection.collection),
      this.store.collection<RelationshipDocument>(relationshipsProjection.collection),
      this.store.collection<IdentityLocalRecord>(identityLocalRecordsProjection.collection),
      this.store.collection<IdentityMerge>(identityMergesProjection.collection),
    ]);
  }
}
