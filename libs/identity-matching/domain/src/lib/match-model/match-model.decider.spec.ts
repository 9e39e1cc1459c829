import { ValidationError } from '@ilinks/shared/kernel';
import { DeciderSpecification } from '@ilinks/shared/testing';
import { defaultMatchModel } from '../matching/model/match-model';
import { type AdoptMatchModel, type MatchModelAdopted, matchModelDecider } from './match-model.decider';

const now = new Date('2026-11-26T10:00:00Z');
const trained = { modelId: 'm-1', model: defaultMatchModel(), records: 1200, candidatePairs: 5400 };
const adopt = (data: Partial<AdoptMatchModel['data']> = {}): AdoptMatchModel => ({
  type: 'AdoptMatchModel',
  data: { ...trained, ...data },
  metadata: { idempotencyKey: 'adopt', now },
});
const adopted: MatchModelAdopted = {
  type: 'MatchModelAdopted',
  data: { ...trained, adoptedAt: now.toISOString() },
};
const spec = DeciderSpecification.for(matchModelDecider);

describe('AdoptMatchModel', () => {
  it('adopts a trained model', () => {
    spec.when(adopt()).then([adopted]);
  });
  it('stays quiet when the current model is adopted again', () => {
    spec.given([adopted]).when(adopt()).thenNothing();
  });
  it('adopts a newer model over the current one', () => {
    spec
      .given([adopted])
      .when(adopt({ modelId: 'm-2' }))
      .then([
        { type: 'MatchModelAdopted', data: { ...trained, modelId: 'm-2', adoptedAt: now.toISOString() } },
      ]);
  });
  it('refuses a model whose probabilities are broken', () => {
    spec.when(adopt({ model: { ...defaultMatchModel(), lambda: 0 } })).thenThrows(ValidationError);
  });
});
