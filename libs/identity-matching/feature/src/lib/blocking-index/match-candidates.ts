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

/** A record a blocking key led to, and whether that key identifies (the NHS number). */
interface BlockHit {
  readonly localRecordId: string;
  readonly identifying: boolean;
}

/** Record ids by promise: an identifying key first, then the most keys shared, then id; at most `max`. */
export function mostPromising(hits: readonly BlockHit[], max: number, exclude?: string): string[] {
  const shared = new Map<string, { keys: number; identifying: boolean }>();
  for (const { localRecordId, identifying } of hits) {
    if (localRecordId === exclude) continue;
    const known = shared.get(localRecordId) ?? { keys: 0, identifying: false };
    shared.set(localRecordId, { keys: known.keys + 1, identifying: known.identifying || identifying });
  }
  return [...shared]
    .sort(
      ([a, x], [b, y]) =>
        Number(y.identifying) - Number(x.identifying) || y.keys - x.keys || (a < b ? -1 : a > b ? 1 : 0),
    )
    .slice(0, max)
    .map(([id]) => id);
}

/** Finds the records worth comparing with some demographics, and what reviewers said about them. */
@Injectable()
export class MatchCandidates {
  constructor(
    private readonly views: IdentityViews,
    @Inject(IDENTITY_MATCHING_CONFIG) private readonly config: IdentityMatchingConfig,
  ) {}

  /**
   * The linked records sharing a blocking key with `demographics` (other than
   * `excludeLocalRecordId`), with their persons. A key shared by more than `maxBlockSize` records (a
   * common birth date in a big region) is skipped: it would compare too many to tell anyone apart,
   * and the other keys still meet. At most `maxCandidates` are returned: those sharing the NHS
   * number first, then those sharing the most keys — the ones worth scoring.
   */
  async find(demographics: Demographics, excludeLocalRecordId?: string): Promise<MatchCandidate[]> {
    const limit = this.config.maxBlockSize;
    const blocks = await Promise.all(
      blockingKeys(demographics).map(async (key) => {
        const page = await this.views.blockingIndex.find({
          where: { keyHash: blockingKeyHash(key) },
          limit: limit + 1,
        });
        const identifying = key.startsWith(ALWAYS_LOOKED_UP);
        const tooCommon = page.items.length > limit && !identifying;
        return tooCommon
          ? []
          : page.items.map((item) => ({ localRecordId: item.body.localRecordId, identifying }));
      }),
    );
    const ids = mostPromising(blocks.flat(), this.config.maxCandidates, excludeLocalRecordId);
    const records = await this.views.localRecords.getMany(ids);
    return records.flatMap((record) =>
      record.body.personId
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
