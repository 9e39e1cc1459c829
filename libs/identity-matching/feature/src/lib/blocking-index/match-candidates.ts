import {
  blockingKeys,
  type Demographics,
  type KnownDifferentPair,
  type MatchCandidate,
} from '@ilinks/identity-matching/domain';
import { Inject, Injectable } from '@nestjs/common';
import { IdentityViews } from '../identity-views';
import { IDENTITY_MATCHING_CONFIG } from '../identity-matching.tokens';
import type { IdentityMatchingConfig } from '../identity-matching.config';
import { demographicsOf } from '../local-records-view/local-records.projection';
import { blockingKeyHash } from './blocking-index.projection';

/** Keys that identify (an NHS number) are never too common to look up. */
const ALWAYS_LOOKED_UP = 'nhs:';

/** Finds the records worth comparing with some demographics, and what reviewers said about them. */
@Injectable()
export class MatchCandidates {
  constructor(
    private readonly views: IdentityViews,
    @Inject(IDENTITY_MATCHING_CONFIG) private readonly config: IdentityMatchingConfig,
  ) {}

  /**
   * Every linked record sharing a blocking key with `demographics` (other than `excludeLocalRecordId`),
   * with its person. A key shared by more than `maxBlockSize` records (a common birth date in a big
   * region) is skipped: it would compare too many to tell anyone apart, and the other keys still meet.
   */
  async find(demographics: Demographics, excludeLocalRecordId?: string): Promise<MatchCandidate[]> {
    const limit = this.config.maxBlockSize;
    const blocks = await Promise.all(
      blockingKeys(demographics).map(async (key) => {
        const page = await this.views.blockingIndex.find({
          where: { keyHash: blockingKeyHash(key) },
          limit: limit + 1,
        });
        const tooCommon = page.items.length > limit && !key.startsWith(ALWAYS_LOOKED_UP);
        return tooCommon ? [] : page.items.map((item) => item.body.localRecordId);
      }),
    );
    const ids = [...new Set(blocks.flat())].filter((id) => id !== excludeLocalRecordId);
    const records = await Promise.all(ids.map((id) => this.views.localRecords.get(id)));
    return records.flatMap((record) =>
      record?.body.personId
        ? [
            {
              localRecordId: record.body.localRecordId,
              personId: record.body.personId,
              demographics: demographicsOf(record.body),
            },
          ]
        : [],
    );
  }

  /** Pairs a person decided are different people, involving any of `ids` (a record, its person). */
  async knownDifferent(ids: readonly string[]): Promise<KnownDifferentPair[]> {
    const pages = await Promise.all(
      ids.map((subject) => this.views.knownDifferent.find({ where: { subject }, limit: 10_000 })),
    );
    return pages.flatMap((page) =>
      page.items.map((item): KnownDifferentPair => [item.body.subject, item.body.other]),
    );
  }
}
