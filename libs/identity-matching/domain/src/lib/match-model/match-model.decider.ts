import { type Command, type Decider, type DomainEvent, ValidationError } from '@ilinks/shared/kernel';
import { IDENTITY_STREAM_PREFIX } from '../local-record.stream';
import { type MatchModel, matchModelProblems } from '../matching/model/match-model';

/** Share of records holding each common value, by field (JSON, bounded). */
export interface StoredTermFrequencies {
  readonly family: Readonly<Record<string, number>>;
  readonly postcode: Readonly<Record<string, number>>;
}

/** A model trained from the records held, as stored and used for matching. */
export interface TrainedMatchModel {
  readonly modelId: string;
  readonly model: MatchModel;
  readonly termFrequencies?: StoredTermFrequencies;
  /** How many records and candidate pairs it was trained on. */
  readonly records: number;
  readonly candidatePairs: number;
}

export type AdoptMatchModel = Command<'AdoptMatchModel', TrainedMatchModel>;

export type MatchModelAdopted = DomainEvent<
  'MatchModelAdopted',
  TrainedMatchModel & { readonly adoptedAt: string }
>;

export type MatchModelState =
  | { readonly status: 'default' }
  | { readonly status: 'trained'; readonly current: MatchModelAdopted['data'] };

/** The one stream holding every model the service has matched with, newest last. */
export const MATCH_MODEL_STREAM = `${IDENTITY_STREAM_PREFIX}match-model`;

/**
 * Which match model the service uses: each adoption is an event, so every decision's `modelId`
 * can be traced back to the exact m and u it was scored with. A model with broken probabilities is
 * refused; adopting the current model again is quiet.
 */
export const matchModelDecider: Decider<AdoptMatchModel, MatchModelAdopted, MatchModelState> = {
  decide(command, state) {
    const problems = matchModelProblems(command.data.model);
    if (problems.length > 0) throw new ValidationError('The match model is not valid', problems);
    if (state.status === 'trained' && state.current.modelId === command.data.modelId) return [];
    return [
      { type: 'MatchModelAdopted', data: { ...command.data, adoptedAt: command.metadata.now.toISOString() } },
    ];
  },
  evolve: (_state, event) => ({ status: 'trained', current: event.data }),
  initialState: () => ({ status: 'default' }),
};
