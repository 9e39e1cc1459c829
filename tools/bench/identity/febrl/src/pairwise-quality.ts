/** Pairwise precision, recall and F1 of the pairs classified as links, against all true pairs. */
export interface PairwiseQuality {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** The link threshold with the highest F1, and the quality it gives. */
export interface BestThreshold extends PairwiseQuality {
  readonly threshold: number;
}

function f1Of(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** A pair of record ids as one key: sorted for deduplication, (A, B) as given for linkage. */
export function pairKey(a: string, b: string, ordered: boolean): string {
  return ordered || a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * Quality of `linked` (pair keys) against `truth`. True pairs that were never candidates count as
 * missed, so blocking losses lower recall. No link at all has precision 1.
 */
export function pairwiseQuality(linked: Iterable<string>, truth: ReadonlySet<string>): PairwiseQuality {
  let predicted = 0;
  let hits = 0;
  for (const key of new Set(linked)) {
    predicted += 1;
    if (truth.has(key)) hits += 1;
  }
  const precision = predicted === 0 ? 1 : hits / predicted;
  const recall = truth.size === 0 ? 1 : hits / truth.size;
  return { precision, recall, f1: f1Of(precision, recall) };
}

/**
 * The threshold t on `scores` (link when score ≥ t) with the highest F1 against `truthCount` true
 * pairs, where `isTrue[i]` says whether candidate i is a true pair. Chosen on the truth, so it is an
 * upper bound, not something a deployment could pick. Ties are never split.
 */
export function bestThreshold(
  scores: readonly number[],
  isTrue: readonly boolean[],
  truthCount: number,
): BestThreshold {
  const order = scores.map((_, index) => index).sort((x, y) => scores[y] - scores[x]);
  let best: BestThreshold = { threshold: Number.POSITIVE_INFINITY, precision: 1, recall: 0, f1: 0 };
  let hits = 0;
  order.forEach((index, rank) => {
    if (isTrue[index]) hits += 1;
    const next = order[rank + 1];
    if (next !== undefined && scores[next] === scores[index]) return;
    const precision = hits / (rank + 1);
    const recall = truthCount === 0 ? 1 : hits / truthCount;
    const f1 = f1Of(precision, recall);
    if (f1 > best.f1) best = { threshold: scores[index], precision, recall, f1 };
  });
  return best;
}
