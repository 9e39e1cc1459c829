import type { LinkOutcomeV1 } from '@ilinks/identity-matching/contracts';
import {
  type DecideMatchOptions,
  decideMatch,
  type Demographics,
  localRecordDecider,
  localRecordStream,
  matchGrade,
  type MatchingDecision,
  matchReviewDecider,
  matchReviewStream,
  NhsNumberAlreadyClaimedError,
  nhsNumberClaimDecider,
  nhsNumberClaimStream,
  personDecider,
  personStream,
  type RecordMatchDecision,
  reviewIdFor,
  verifiedNhsNumber,
} from '@ilinks/identity-matching/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import { CLOCK, EVENT_STORE, executeCommand, ServiceRuntime } from '@ilinks/platform/runtime';
import {
  type Clock,
  type Command,
  ConflictError,
  type Decider,
  type DomainEvent,
  deterministicUuid,
} from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { MatchCandidates } from '../blocking-index/match-candidates';
import type { IdentityMatchingConfig } from '../identity-matching.config';
import { IDENTITY_MATCHING_CONFIG } from '../identity-matching.tokens';
import { type ActiveMatchModel, MatchModelProvider } from '../match-model/match-model.provider';
import { PersonChanges } from '../match-reviews/person-merges';
import { identityMetrics } from './identity-metrics';

/** A record to find (or make) a person for. */
export interface RecordToLink {
  readonly localRecordId: string;
  readonly organisation: string;
  readonly demographics: Demographics;
  /** Names this linking attempt, so a retry after a crash makes the same person and events. */
  readonly attempt: string;
}

export interface LinkResult {
  readonly personId: string;
  readonly link: LinkOutcomeV1;
}

/** A concurrent registration of the same NHS number in another replica becomes visible within this. */
const CLAIM_RETRIES = 10;
const CLAIM_RETRY_DELAY_MS = 300;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type LinkDecision = Extract<MatchingDecision, { outcome: 'link' }>;

/** How a link is told to the caller. */
function linkedOutcome(decision: LinkDecision): LinkOutcomeV1 {
  const { method, score, grade, explanation } = decision;
  return { outcome: 'linked', method, score, grade, explanation };
}

/** How a link is recorded on the record's stream. */
function linkDecisionRecord(
  decision: LinkDecision,
): Omit<RecordMatchDecision['data'], 'localRecordId' | 'modelId'> {
  const { personId, method, score, explanation } = decision;
  return { outcome: 'link', personId, method, score, explanation, candidates: [{ personId, score }] };
}

/** A new person's id: the same for a retried attempt, a new one for a new attempt. */
export const newPersonIdFor = (localRecordId: string, attempt: string): string =>
  deterministicUuid('ilinks:identity:person', `${localRecordId}|${attempt}`);

/**
 * Links a registered record to a person: blocking → `decideMatch` (pure) → person events.
 * - link: `LocalRecordLinked` on the chosen person;
 * - new person: the record's NHS number (if valid) is claimed first, so two replicas registering
 *   the same NHS number at once never make two persons — the loser matches again and links;
 * - review: a person is made for the record now (it must be findable at once) and a review raised;
 *   a reviewer later merges it into a candidate or records that they are different people.
 * The decision, its score and per-field explanation are recorded on the record's own stream.
 * Call it through `IdentityWriteQueue`.
 */
@Injectable()
export class LocalRecordLinker {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_MATCHING_CONFIG) private readonly config: IdentityMatchingConfig,
    private readonly runtime: ServiceRuntime,
    private readonly candidates: MatchCandidates,
    private readonly models: MatchModelProvider,
    private readonly changes: PersonChanges,
  ) {}

  async link(record: RecordToLink): Promise<LinkResult> {
    for (let attempt = 0; ; attempt += 1) {
      const model = await this.models.current();
      const decision = await this.decide(record, model);
      try {
        return await this.carryOut(record, decision, model, attempt >= CLAIM_RETRIES);
      } catch (error) {
        if (!(error instanceof NhsNumberAlreadyClaimedError)) throw error;
        if (attempt > CLAIM_RETRIES) {
          throw new ConflictError('The NHS number is being registered concurrently; retry the request');
        }
        // The claimant's person appears in our views once its replica has written it.
        await delay(CLAIM_RETRY_DELAY_MS);
        await this.runtime.waitForViews(await this.eventStore.headPosition());
      }
    }
  }

  /**
   * Matches again a record whose person holds nothing else (its person was made for it), after its
   * demographics changed: a link becomes a merge of its person into the match, a potential match a
   * review. Pairs a reviewer called different people stay apart. Returns undefined when nothing changes.
   */
  async rematch(record: RecordToLink, personId: string): Promise<LinkResult | undefined> {
    const model = await this.models.current();
    const decision = await this.decide(record, model, personId);
    switch (decision.outcome) {
      case 'new-person':
        return undefined;
      case 'link': {
        const mergeId = `rematch-${record.localRecordId}-${decision.personId}`;
        const reason = `matched again after an update (${decision.method}, score ${decision.score.toFixed(4)})`;
        await this.changes.merge(decision.personId, personId, mergeId, reason, 'identity-matching');
        await this.recordDecision(record, model, linkDecisionRecord(decision));
        return { personId: decision.personId, link: linkedOutcome(decision) };
      }
      case 'review':
        return this.raiseReview(record, model, personId, decision);
    }
  }

  private async decide(
    record: RecordToLink,
    model: ActiveMatchModel,
    personId?: string,
  ): Promise<MatchingDecision> {
    const found = await this.candidates.find(record.demographics, record.localRecordId);
    identityMetrics().candidates.record(found.length);
    const candidates = found.filter((candidate) => candidate.personId !== personId);
    const options: DecideMatchOptions = {
      model: model.model,
      ...(model.termFrequency ? { termFrequency: model.termFrequency } : {}),
      thresholds: { link: this.config.linkThreshold, review: this.config.reviewThreshold },
      knownDifferent: await this.candidates.knownDifferent(
        personId === undefined ? [record.localRecordId] : [record.localRecordId, personId],
      ),
    };
    const incoming = {
      localRecordId: record.localRecordId,
      demographics: record.demographics,
      ...(personId === undefined ? {} : { personId }),
    };
    const decision = decideMatch(incoming, candidates, options);
    identityMetrics().decisions.add(1, {
      outcome: decision.outcome,
      method: decision.outcome === 'link' ? decision.method : 'none',
    });
    return decision;
  }

  /**
   * `adoptAbandonedClaim`: after waiting long enough for a claimant that never made its person (it
   * crashed between claim and registration, and its partner did not retry), this record makes the
   * claimed person itself, so an NHS number can never be locked out.
   */
  private async carryOut(
    record: RecordToLink,
    decision: MatchingDecision,
    model: ActiveMatchModel,
    adoptAbandonedClaim: boolean,
  ): Promise<LinkResult> {
    switch (decision.outcome) {
      case 'link': {
        await this.run(
          personDecider,
          personStream(decision.personId),
          `link:${record.localRecordId}:${decision.personId}`,
          {
            type: 'LinkLocalRecord',
            data: {
              personId: decision.personId,
              localRecordId: record.localRecordId,
              method: decision.method,
              score: decision.score,
            },
          },
        );
        await this.recordDecision(record, model, linkDecisionRecord(decision));
        return { personId: decision.personId, link: linkedOutcome(decision) };
      }
      case 'new-person': {
        let personId = newPersonIdFor(record.localRecordId, record.attempt);
        const nhsNumber = verifiedNhsNumber(record.demographics);
        if (nhsNumber !== undefined) {
          try {
            await this.run(nhsNumberClaimDecider, nhsNumberClaimStream(nhsNumber), `claim:${personId}`, {
              type: 'ClaimNhsNumber',
              data: { personId, localRecordId: record.localRecordId },
            });
          } catch (error) {
            if (!(error instanceof NhsNumberAlreadyClaimedError) || !adoptAbandonedClaim) throw error;
            personId = error.claimedBy;
          }
        }
        await this.registerPerson(personId, record.localRecordId, decision.bestScore);
        await this.recordDecision(record, model, {
          outcome: 'new-person',
          personId,
          ...(decision.bestScore === undefined ? {} : { score: decision.bestScore }),
          ...(decision.explanation ? { explanation: decision.explanation } : {}),
          candidates: [],
        });
        return {
          personId,
          link: {
            outcome: 'new-person',
            method: 'new-person',
            ...(decision.bestScore === undefined
              ? {}
              : { score: decision.bestScore, grade: matchGrade(decision.bestScore) }),
          },
        };
      }
      case 'review': {
        const personId = newPersonIdFor(record.localRecordId, record.attempt);
        await this.registerPerson(personId, record.localRecordId, decision.candidates[0]?.score);
        return this.raiseReview(record, model, personId, decision);
      }
    }
  }

  private async raiseReview(
    record: RecordToLink,
    model: ActiveMatchModel,
    personId: string,
    decision: Extract<MatchingDecision, { outcome: 'review' }>,
  ): Promise<LinkResult> {
    // One review per record, person and set of candidates: a retry raises the same one, and new
    // candidates after a "different people" decision raise a new one.
    const candidateIds = decision.candidates.map((candidate) => candidate.personId).sort();
    const reviewId = reviewIdFor(record.localRecordId, [personId, ...candidateIds].join('|'));
    await this.run(matchReviewDecider, matchReviewStream(reviewId), `raise:${reviewId}`, {
      type: 'RaiseMatchReview',
      data: {
        reviewId,
        localRecordId: record.localRecordId,
        organisation: record.organisation,
        personId,
        candidates: decision.candidates,
      },
    });
    const best = decision.candidates[0];
    await this.recordDecision(record, model, {
      outcome: 'review',
      personId,
      reviewId,
      ...(best ? { score: best.score, explanation: best.explanation } : {}),
      candidates: decision.candidates.map(({ personId: candidate, score }) => ({
        personId: candidate,
        score,
      })),
    });
    return {
      personId,
      link: {
        outcome: 'pending-review',
        method: 'new-person',
        reviewId,
        ...(best ? { score: best.score, grade: best.grade, explanation: best.explanation } : {}),
      },
    };
  }

  private async registerPerson(personId: string, localRecordId: string, bestScore?: number): Promise<void> {
    await this.run(personDecider, personStream(personId), `register:${personId}`, {
      type: 'RegisterPerson',
      data: {
        personId,
        localRecordId,
        method: 'new-person',
        ...(bestScore === undefined ? {} : { score: bestScore }),
      },
    });
  }

  private async recordDecision(
    record: RecordToLink,
    model: ActiveMatchModel,
    decision: Omit<RecordMatchDecision['data'], 'localRecordId' | 'modelId'>,
  ): Promise<void> {
    await this.run(
      localRecordDecider,
      localRecordStream(record.localRecordId),
      `decision:${record.localRecordId}:${decision.personId}`,
      {
        type: 'RecordMatchDecision',
        data: { ...decision, localRecordId: record.localRecordId, modelId: model.modelId },
      },
    );
  }

  /** Runs one command with an idempotency key derived from what it does, then waits for the views. */
  private async run<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    stream: string,
    idempotencyKey: string,
    command: Omit<C, 'metadata'>,
  ): Promise<void> {
    const metadata = { idempotencyKey, now: this.clock.now() };
    const result = await executeCommand(this.eventStore, decider, stream, { ...command, metadata } as C);
    await this.runtime.waitForViews(result.position);
  }
}
