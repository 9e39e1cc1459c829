import {
  blockingKeys,
  type Demographics,
  defaultMatchModel,
  normaliseNhsNumber,
  rankCandidatesForMatch,
} from '@ilinks/identity-matching/domain';
import { IdentityMatchingConfig } from '@ilinks/identity-matching/feature';
import type { MatchRequestV1 } from '@ilinks/identity-matching/contracts';
import { loadConfig } from '@ilinks/platform/config';
import type { ReadModelStore } from '@ilinks/platform/read-models';
// Not exported by the feature lib's index (see README): imported by path, as lint allows for tools.
import { MatchCandidates } from '../../../../libs/identity-matching/feature/src/lib/blocking-index/match-candidates';
import { blockingKeyHash } from '../../../../libs/identity-matching/feature/src/lib/blocking-index/blocking-index.projection';
import { IdentityViews } from '../../../../libs/identity-matching/feature/src/lib/identity-views';
import { PersonViews } from '../../../../libs/identity-matching/feature/src/lib/persons-view/person-views';

/** Milliseconds each stage of one `$match` took, outside HTTP, with what it handled. */
export interface StageTimes {
  readonly blockingLookups: number;
  readonly candidateFind: number;
  readonly ranking: number;
  readonly personViews: number;
  readonly keys: number;
  readonly keysTooCommon: number;
  readonly candidates: number;
  readonly matches: number;
}

/** The query as the match controller builds it from the request. */
function queryOf(request: MatchRequestV1): Demographics {
  const { nhsNumber, ...rest } = request.demographics;
  return { ...rest, ...(nhsNumber === undefined ? {} : { nhsNumber: normaliseNhsNumber(nhsNumber) }) };
}

/**
 * Runs the match controller's own steps on the service's own classes (`MatchCandidates`,
 * `rankCandidatesForMatch` with the untrained model a fresh service uses, `PersonViews`) against
 * the views, timing each; the blocking lookups are timed again on their own to split
 * `MatchCandidates.find` into lookups and record reads.
 */
export async function stageProfiler(
  store: ReadModelStore,
): Promise<(request: MatchRequestV1) => Promise<StageTimes>> {
  const config = loadConfig(IdentityMatchingConfig);
  const views = new IdentityViews(store);
  await views.onModuleInit();
  const candidates = new MatchCandidates(views, config);
  const persons = new PersonViews(views, config);
  const model = defaultMatchModel();
  return async (request) => {
    const query = queryOf(request);
    const keys = blockingKeys(query);
    let started = performance.now();
    const pages = await Promise.all(
      keys.map((key) =>
        views.blockingIndex.find({
          where: { keyHash: blockingKeyHash(key) },
          limit: config.maxBlockSize + 1,
        }),
      ),
    );
    const blockingLookups = performance.now() - started;
    started = performance.now();
    const found = await candidates.find(query);
    const candidateFind = performance.now() - started;
    started = performance.now();
    const ranked = rankCandidatesForMatch(query, found, { model }, { count: request.count ?? 10 });
    const ranking = performance.now() - started;
    started = performance.now();
    await Promise.all(ranked.map((match) => persons.get(match.personId)));
    const personViews = performance.now() - started;
    return {
      blockingLookups,
      candidateFind,
      ranking,
      personViews,
      keys: keys.length,
      keysTooCommon: pages.filter((page) => page.items.length > config.maxBlockSize).length,
      candidates: found.length,
      matches: ranked.length,
    };
  };
}
