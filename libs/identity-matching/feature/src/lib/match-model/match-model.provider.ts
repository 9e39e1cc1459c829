import {
  type AdoptMatchModel,
  defaultMatchModel,
  type Demographics,
  MATCH_MODEL_STREAM,
  type MatchModelAdopted,
  matchModelDecider,
  matchModelProblems,
  type StoredTermFrequencies,
  type TermFrequencyLookup,
  termFrequencyFor,
  type TrainedMatchModel,
  trainMatchModelFromRecords,
} from '@ilinks/identity-matching/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import { CLOCK, EVENT_STORE, executeCommand, ServiceRuntime } from '@ilinks/platform/runtime';
import { type Clock, deterministicUuid } from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { IdentityViews } from '../identity-views';
import { demographicsOf } from '../local-records-view/local-records.projection';

/** The model used before any has been trained: the documented priors. */
export const DEFAULT_MODEL_ID = 'default-priors-v2';

/** Another replica may adopt a model; look for it at most this often. */
const REFRESH_INTERVAL_MS = 30_000;
const PAGE_SIZE = 5_000;

/** The model in use, ready to score with. */
export interface ActiveMatchModel extends TrainedMatchModel {
  readonly termFrequency?: TermFrequencyLookup;
}

function activate(trained: TrainedMatchModel): ActiveMatchModel {
  const tables = trained.termFrequencies;
  return {
    ...trained,
    ...(tables ? { termFrequency: termFrequencyLookup(tables) } : {}),
  };
}

function termFrequencyLookup(tables: StoredTermFrequencies): TermFrequencyLookup {
  return (incoming, candidate) => termFrequencyFor(tables, incoming, candidate.demographics);
}

const DEFAULT_MODEL: ActiveMatchModel = {
  modelId: DEFAULT_MODEL_ID,
  model: defaultMatchModel(),
  records: 0,
  candidatePairs: 0,
};

/** What a training run found and whether the service adopted it. */
export interface TrainingReport {
  readonly modelId: string;
  readonly adopted: boolean;
  readonly coldStart: boolean;
  readonly records: number;
  readonly candidatePairs: number;
  readonly lambda: number;
}

/**
 * The match model the service scores with: the last one adopted on the model stream, or the
 * default priors. Training reads every local record held, estimates m and u by EM (pure domain
 * code) and adopts the result as an event, so each decision's `modelId` names what scored it.
 */
@Injectable()
export class MatchModelProvider {
  private active: ActiveMatchModel = DEFAULT_MODEL;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private revision = -1n;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly runtime: ServiceRuntime,
    private readonly views: IdentityViews,
  ) {}

  /** The model to score with now. */
  async current(): Promise<ActiveMatchModel> {
    const now = this.clock.now().getTime();
    if (now - this.checkedAt >= REFRESH_INTERVAL_MS) {
      this.checkedAt = now;
      await this.reload();
    }
    return this.active;
  }

  /** Trains on every record held and adopts the model (unless there was too little to learn from). */
  async train(seed = 1): Promise<TrainingReport> {
    const records = await this.allDemographics();
    const trained = trainMatchModelFromRecords(records, { seed });
    const modelId = deterministicUuid('ilinks:identity:match-model', JSON.stringify(trained.model));
    const report = {
      modelId,
      coldStart: trained.coldStart,
      records: trained.records,
      candidatePairs: trained.candidatePairs,
      lambda: trained.lambda,
    };
    if (trained.coldStart) return { ...report, adopted: false };
    const command: AdoptMatchModel = {
      type: 'AdoptMatchModel',
      data: {
        modelId,
        model: trained.model,
        termFrequencies: trained.termFrequencies,
        records: trained.records,
        candidatePairs: trained.candidatePairs,
      },
      metadata: { idempotencyKey: `adopt:${modelId}`, now: this.clock.now() },
    };
    const result = await executeCommand(this.eventStore, matchModelDecider, MATCH_MODEL_STREAM, command);
    await this.runtime.waitForViews(result.position);
    await this.reload();
    return { ...report, adopted: true };
  }

  private async reload(): Promise<void> {
    const [last] = await this.eventStore.readStream(MATCH_MODEL_STREAM, {
      direction: 'backwards',
      maxCount: 1,
    });
    if (last === undefined || last.revision === this.revision) return;
    const { adoptedAt: _adoptedAt, ...trained } = last.data as MatchModelAdopted['data'];
    this.active = matchModelProblems(trained.model).length === 0 ? activate(trained) : DEFAULT_MODEL;
    this.revision = last.revision;
  }

  private async allDemographics(): Promise<Demographics[]> {
    const records: Demographics[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.views.localRecords.find({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
      records.push(...page.items.map((item) => demographicsOf(item.body)));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return records;
  }
}
