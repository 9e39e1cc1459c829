// How well today's identity-matching building blocks link records, against the generator's truth:
// blocking → comparison vectors → Fellegi–Sunter (trainMatchModelFromRecords: u from random pairs,
// m by EM per rule, λ from equal NHS numbers) → an NHS
// number rule → link / review / non-link → union-find clusters → pairwise precision, recall, F1.
// Prints markdown tables, then which recorded errors cause missed and false links.
//   node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/identity/linkage-quality.bench.ts [--persons 5000] [--seed 42]
import {
  classify,
  COMPARED_FIELDS,
  compareRecords,
  type ComparisonVector,
  DEFAULT_PROBABILITY_THRESHOLDS,
  DEFAULT_RANDOM_PAIRS,
  defaultMatchModel,
  findCandidatePairs,
  isValidNhsNumber,
  type MatchDecision,
  type MatchModel,
  type MatchThresholds,
  normaliseNhsNumber,
  pairId,
  pairIndices,
  scorePair,
  termFrequencyFor,
  trainMatchModelFromRecords,
} from '@ilinks/identity-matching/domain';
import { generatePopulation, type LocalRecordFixture } from '../../identity-data/generate-population';

/** Extra threshold settings reported beside the default, for both variants. */
const THRESHOLD_GRID = [
  { link: 0.999, review: 0.5 },
  { link: 0.95, review: 0.5 },
  { link: 0.9, review: 0.5 },
  { link: 0.5, review: 0.5 },
  { link: 0.99, review: 0.9 },
  { link: 0.99, review: 0.2 },
] as const;
/** Birth-date levels that a keying slip explains; with equal valid NHS numbers they still link. */
const KEYING_LEVELS: ReadonlySet<string> = new Set(['exact', 'day-month-swapped', 'one-digit-typo']);

function argument(name: string, fallback: number, max: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new Error(`${name} takes an integer, 0 <= N <= ${max}`);
  return value;
}

function pairsAmong(count: number): number {
  return (count * (count - 1)) / 2;
}

function validNhsNumberOf(record: LocalRecordFixture): string | undefined {
  const nhsNumber = record.demographics.nhsNumber;
  const normalised = nhsNumber === undefined ? undefined : normaliseNhsNumber(nhsNumber);
  return normalised !== undefined && isValidNhsNumber(normalised) ? normalised : undefined;
}

function nhsRuleLinks(a: LocalRecordFixture, b: LocalRecordFixture, vector: ComparisonVector): boolean {
  const x = validNhsNumberOf(a);
  return x !== undefined && x === validNhsNumberOf(b) && KEYING_LEVELS.has(vector.birthDate);
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, index) => index);
  }
  find(item: number): number {
    let root = item;
    while (this.parent[root] !== root) root = this.parent[root];
    while (this.parent[item] !== root) [item, this.parent[item]] = [this.parent[item], root];
    return root;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

interface Evaluation {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly truePositives: number;
  readonly reviewPairs: number;
  readonly recordsInReview: number;
  readonly decisions: Int8Array;
  readonly clusters: UnionFind;
}

const DECISION_CODES: readonly MatchDecision[] = ['new-person', 'review', 'link'];

function evaluate(
  records: readonly LocalRecordFixture[],
  pairs: readonly number[],
  decide: (index: number) => MatchDecision,
): Evaluation {
  const n = records.length;
  const clusters = new UnionFind(n);
  const decisions = new Int8Array(pairs.length);
  const inReview = new Uint8Array(n);
  let reviewPairs = 0;
  pairs.forEach((pair, index) => {
    const [i, j] = [Math.floor(pair / n), pair % n];
    const decision = decide(index);
    decisions[index] = DECISION_CODES.indexOf(decision);
    if (decision === 'link') clusters.union(i, j);
    if (decision === 'review') {
      reviewPairs += 1;
      inReview[i] = inReview[j] = 1;
    }
  });
  const clusterSizes = new Map<number, number>();
  const personSizes = new Map<string, number>();
  const overlaps = new Map<string, number>();
  records.forEach((record, index) => {
    const cluster = clusters.find(index);
    clusterSizes.set(cluster, (clusterSizes.get(cluster) ?? 0) + 1);
    personSizes.set(record.truePersonId, (personSizes.get(record.truePersonId) ?? 0) + 1);
    const overlap = `${cluster}|${record.truePersonId}`;
    overlaps.set(overlap, (overlaps.get(overlap) ?? 0) + 1);
  });
  const sumPairs = (sizes: Iterable<number>): number => [...sizes].reduce((t, s) => t + pairsAmong(s), 0);
  const truePositives = sumPairs(overlaps.values());
  const predictedPairs = sumPairs(clusterSizes.values());
  const truePairs = sumPairs(personSizes.values());
  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  return {
    precision,
    recall,
    f1: (2 * precision * recall) / (precision + recall || 1),
    truePairs,
    predictedPairs,
    truePositives,
    reviewPairs,
    recordsInReview: inReview.reduce((t, flag) => t + flag, 0),
    decisions,
    clusters,
  };
}

/** Counts of pairs by the errors recorded on either record ("none" when neither has any). */
class TagCounter {
  readonly counts = new Map<string, number>();
  total = 0;
  add(tags: Iterable<string>): void {
    const unique = new Set(tags);
    if (unique.size === 0) unique.add('none');
    for (const tag of unique) this.counts.set(tag, (this.counts.get(tag) ?? 0) + 1);
    this.total += 1;
  }
}

function tagsOf(a: LocalRecordFixture, b: LocalRecordFixture): string[] {
  return [...a.errors, ...b.errors];
}

function percent(value: number, digits = 2): string {
  return `${(100 * value).toFixed(digits)}%`;
}

function main(): void {
  const persons = argument('--persons', 5000, 50_000);
  const seed = argument('--seed', 42, 2 ** 32 - 1);
  const started = performance.now();
  const { persons: people, records } = generatePopulation({ persons }, seed);
  const n = records.length;
  const generatedMs = performance.now() - started;

  const demographics = records.map((record) => record.demographics);
  const blockingStarted = performance.now();
  const { pairs } = findCandidatePairs(demographics);
  const candidateSet = new Set(pairs);
  const blockingMs = performance.now() - blockingStarted;

  const compareStarted = performance.now();
  const vectors = pairs.map((pair) => {
    const [i, j] = pairIndices(pair, n);
    return compareRecords(demographics[i], demographics[j]);
  });
  const compareMs = performance.now() - compareStarted;

  // Training blocks and compares again on its own: the service trains from records alone.
  const modelStarted = performance.now();
  const trained = trainMatchModelFromRecords(demographics, { seed });
  const { lambda, termFrequencies } = trained;
  const modelMs = performance.now() - modelStarted;

  const scoreStarted = performance.now();
  /** Per pair: 1 when the NHS rule links it, else the model's posterior probability. */
  const probabilitiesFor = (withTermFrequency: boolean, model = trained.model): Float64Array =>
    Float64Array.from(pairs, (pair, index) => {
      const [a, b] = [records[Math.floor(pair / n)], records[pair % n]];
      if (nhsRuleLinks(a, b, vectors[index])) return Number.POSITIVE_INFINITY;
      const frequency = withTermFrequency
        ? termFrequencyFor(termFrequencies, a.demographics, b.demographics)
        : undefined;
      return scorePair(model, vectors[index], frequency).probability;
    });
  const deciderFor =
    (probabilities: Float64Array, thresholds: MatchThresholds) =>
    (index: number): MatchDecision =>
      probabilities[index] === Number.POSITIVE_INFINITY ? 'link' : classify(probabilities[index], thresholds);
  /** As `decideMatch` does: a link whose records hold different valid NHS numbers goes to review. */
  const withNhsConflictReview =
    (decide: (index: number) => MatchDecision) =>
    (index: number): MatchDecision => {
      const decision = decide(index);
      const [i, j] = pairIndices(pairs[index], n);
      const [x, y] = [validNhsNumberOf(records[i]), validNhsNumberOf(records[j])];
      return decision === 'link' && x !== undefined && y !== undefined && x !== y ? 'review' : decision;
    };
  const [plain, withTf, prior] = [
    probabilitiesFor(false),
    probabilitiesFor(true),
    probabilitiesFor(false, defaultMatchModel()),
  ];
  const variants = [
    {
      name: 'FS + NHS rule',
      result: evaluate(records, pairs, deciderFor(plain, DEFAULT_PROBABILITY_THRESHOLDS)),
    },
    {
      name: 'FS + TF + NHS rule',
      result: evaluate(records, pairs, deciderFor(withTf, DEFAULT_PROBABILITY_THRESHOLDS)),
    },
    {
      name: 'FS + TF + NHS rule, NHS conflict → review (as decideMatch)',
      result: evaluate(
        records,
        pairs,
        withNhsConflictReview(deciderFor(withTf, DEFAULT_PROBABILITY_THRESHOLDS)),
      ),
    },
    {
      name: 'cold-start prior (defaultMatchModel, untrained) + NHS rule',
      result: evaluate(records, pairs, deciderFor(prior, DEFAULT_PROBABILITY_THRESHOLDS)),
    },
    ...THRESHOLD_GRID.flatMap((thresholds) =>
      [
        { label: 'FS', probabilities: plain },
        { label: 'FS + TF', probabilities: withTf },
      ].map(({ label, probabilities }) => ({
        name: `${label} + NHS rule, link ≥ ${thresholds.link}, review ≥ ${thresholds.review}`,
        result: evaluate(records, pairs, deciderFor(probabilities, thresholds)),
      })),
    ),
  ];
  const scoreMs = performance.now() - scoreStarted;
  const totalMs = performance.now() - started;

  const truePairs = variants[0].result.truePairs;
  let blockedTruePairs = 0;
  const byPerson = new Map<string, number[]>();
  records.forEach((record, index) =>
    byPerson.set(record.truePersonId, [...(byPerson.get(record.truePersonId) ?? []), index]),
  );
  for (const members of byPerson.values())
    for (let a = 0; a < members.length; a++)
      for (let b = a + 1; b < members.length; b++)
        if (candidateSet.has(pairId(members[a], members[b], n))) blockedTruePairs += 1;

  const compared = pairs.length;
  console.log(`\n## Linkage quality: ${persons} persons, seed ${seed}\n`);
  console.log(
    `Model (trainMatchModelFromRecords, seed ${seed}): u from ${DEFAULT_RANDOM_PAIRS.toLocaleString('en-GB')} random pairs; m by EM per blocking rule (${trained.perRule
      .map(
        (run) =>
          `${run.rule}: ${run.pairs.toLocaleString('en-GB')} pairs, λ ${run.lambda.toFixed(3)}, ${run.iterations} it.` +
          (run.converged ? '' : ' NOT converged'),
      )
      .join('; ')}); λ for random pairs from equal valid NHS numbers = ${lambda.toExponential(3)}. ` +
      `Thresholds: link ≥ ${DEFAULT_PROBABILITY_THRESHOLDS.link}, review ≥ ${DEFAULT_PROBABILITY_THRESHOLDS.review}. ` +
      `NHS rule: equal valid NHS numbers and birth date exact, day–month swapped or one digit off → link.\n`,
  );
  console.log(
    '| variant | persons | records | candidate pairs (of all) | pair completeness | precision | recall | F1 | review-pair rate | records in review | time |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { name, result } of variants) {
    console.log(
      `| ${name} | ${persons} | ${n} | ${pairs.length.toLocaleString('en-GB')} (${percent(pairs.length / pairsAmong(n), 3)}) | ` +
        `${percent(blockedTruePairs / truePairs)} | ${result.precision.toFixed(4)} | ${result.recall.toFixed(4)} | ` +
        `${result.f1.toFixed(4)} | ${percent(result.reviewPairs / pairs.length)} | ${percent(result.recordsInReview / n)} | ` +
        `${(totalMs / 1000).toFixed(1)} s |`,
    );
  }
  console.log(
    `\nTimes: generate ${(generatedMs / 1000).toFixed(1)} s, block ${(blockingMs / 1000).toFixed(1)} s, ` +
      `compare ${(compareMs / 1000).toFixed(1)} s (${Math.round(compared / (compareMs / 1000)).toLocaleString('en-GB')} pairs/s over ` +
      `${compared.toLocaleString('en-GB')} candidate pairs), train (block, compare, random pairs, EM) ${(modelMs / 1000).toFixed(1)} s, ` +
      `score + cluster ×2 ${(scoreMs / 1000).toFixed(1)} s, total ${(totalMs / 1000).toFixed(1)} s.`,
  );

  printModel(trained.model);
  printBreakdown(records, pairs, vectors, variants[1].name, variants[1].result, byPerson, people);
  printBreakdown(records, pairs, vectors, variants[3].name, variants[3].result, byPerson, people);
}

/** The learned weight log2(m/u) of every level, to see what EM made of the candidate pairs. */
function printModel(model: MatchModel): void {
  console.log('\nLearned weights, log2(m/u) in bits, per field and level:\n');
  for (const field of COMPARED_FIELDS) {
    const levels = Object.entries(model.fields[field] as Readonly<Record<string, { m: number; u: number }>>);
    const weights = levels.map(([level, { m, u }]) => `${level} ${Math.log2(m / u).toFixed(1)}`);
    console.log(`- ${field}: ${weights.join(', ')}`);
  }
}

function printBreakdown(
  records: readonly LocalRecordFixture[],
  pairs: readonly number[],
  vectors: readonly ComparisonVector[],
  variantName: string,
  result: Evaluation,
  byPerson: ReadonlyMap<string, readonly number[]>,
  people: ReturnType<typeof generatePopulation>['persons'],
): void {
  const n = records.length;
  const pairIndex = new Map(pairs.map((pair, index) => [pair, index]));
  const allTrue = new TagCounter();
  const missed = new TagCounter();
  const missedBy = new Map<string, number>();
  const missedLevels = new Map<string, number>();
  for (const members of byPerson.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const [i, j] = [members[x], members[y]];
        const tags = tagsOf(records[i], records[j]);
        allTrue.add(tags);
        if (result.clusters.find(i) === result.clusters.find(j)) continue;
        missed.add(tags);
        const index = pairIndex.get(pairId(i, j, n));
        const stage =
          index === undefined ? 'not blocked' : `scored ${DECISION_CODES[result.decisions[index]]}`;
        missedBy.set(stage, (missedBy.get(stage) ?? 0) + 1);
        if (index === undefined) continue;
        for (const field of COMPARED_FIELDS) {
          const level = vectors[index][field];
          if (level !== 'exact' && level !== 'high' && level !== 'missing') {
            const key = `${field}=${level}`;
            missedLevels.set(key, (missedLevels.get(key) ?? 0) + 1);
          }
        }
      }
    }
  }
  const hardCase = new Map<string, string>();
  for (const person of people) {
    if (person.twinOf !== undefined) hardCase.set(person.id, 'twin').set(person.twinOf, 'twin');
    if (person.namesakeOf !== undefined)
      hardCase.set(person.id, 'namesake').set(person.namesakeOf, 'namesake');
  }
  const falseLinks = new TagCounter();
  const falsePatterns = new Map<string, number>();
  pairs.forEach((pair, index) => {
    const [a, b] = [records[Math.floor(pair / n)], records[pair % n]];
    if (DECISION_CODES[result.decisions[index]] !== 'link' || a.truePersonId === b.truePersonId) return;
    const related = hardCase.get(a.truePersonId) ?? hardCase.get(b.truePersonId);
    const pattern = COMPARED_FIELDS.map((field) => `${field}=${vectors[index][field]}`).join(' ');
    falsePatterns.set(pattern, (falsePatterns.get(pattern) ?? 0) + 1);
    falseLinks.add(related === undefined ? tagsOf(a, b) : [`(${related})`, ...tagsOf(a, b)]);
  });

  const sorted = (counts: ReadonlyMap<string, number>): [string, number][] =>
    [...counts].sort((x, y) => y[1] - x[1]);
  console.log(
    `\n### False negatives (${variantName}): ${missed.total} of ${allTrue.total} true pairs not in one cluster\n`,
  );
  console.log(
    `By stage: ${sorted(missedBy)
      .map(([stage, count]) => `${stage} ${count}`)
      .join(', ')}.\n`,
  );
  console.log('| error on either record | missed pairs | share of misses | true pairs with it | miss rate |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [tag, count] of sorted(missed.counts)) {
    const withTag = allTrue.counts.get(tag) ?? 0;
    console.log(
      `| ${tag} | ${count} | ${percent(count / missed.total, 1)} | ${withTag} | ${percent(count / withTag, 1)} |`,
    );
  }
  if (missedLevels.size > 0) {
    const levels = sorted(missedLevels).slice(0, 10);
    const listed = levels.map(([level, count]) => `${level} ${count}`).join(', ');
    console.log(`\nWeaker-than-exact levels among missed pairs that were compared: ${listed}.`);
  }
  console.log(
    `\n### False positives (${variantName}): ${result.predictedPairs - result.truePositives} wrong pairs in clusters; ` +
      `${falseLinks.total} direct wrong links\n`,
  );
  console.log('| error or relation on either record | wrong links |');
  console.log('| --- | ---: |');
  for (const [tag, count] of sorted(falseLinks.counts)) console.log(`| ${tag} | ${count} |`);
  console.log('\nCommonest comparison vectors among wrong links (top 8):\n');
  for (const [pattern, count] of sorted(falsePatterns).slice(0, 8)) console.log(`- ${count} × ${pattern}`);
}

main();
