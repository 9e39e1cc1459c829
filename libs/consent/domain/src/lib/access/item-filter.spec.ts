import type { DenyReason, ItemFilter, ResourceLabel } from './access.types';
import { hiddenBecause, isItemVisible } from './item-filter';

const objection: ItemFilter = { onlyFromOrganisations: ['A'] };
const sealedForA: ItemFilter = { sealedCategories: ['hiv', 'termination'], sealedVisibleTo: 'A' };
const carer: ItemFilter = {
  onlyParts: ['medications'],
  excludeNotForPatientView: true,
  sealedCategories: ['hiv', 'termination'],
};
const individual: ItemFilter = { excludeNotForPatientView: true };

describe('hiddenBecause / isItemVisible', () => {
  // prettier-ignore
  it.each<[string, ItemFilter, ResourceLabel, DenyReason | undefined]>([
    ['an empty filter hides nothing', {}, { part: 'problems', organisation: 'B', categories: ['hiv'] }, undefined],
    ['objection: own organisation item shown', objection, { part: 'problems', organisation: 'A' }, undefined],
    ['objection: other organisation item hidden', objection, { part: 'problems', organisation: 'B' }, 'objection'],
    ['objection: item recorded by nobody hidden', objection, { part: 'problems' }, 'objection'],
    ['objection: patient-contributed item from elsewhere shown', objection, { part: 'contributions', organisation: 'B', patientContributed: true }, undefined],
    ['objection: patient-contributed item recorded by nobody shown', objection, { part: 'contributions', patientContributed: true }, undefined],
    ['sealed: other organisation item in a sealed category hidden', sealedForA, { part: 'problems', organisation: 'B', categories: ['hiv'] }, 'sealed-category'],
    ['sealed: own organisation item in a sealed category shown', sealedForA, { part: 'problems', organisation: 'A', categories: ['hiv'] }, undefined],
    ['sealed: other organisation item in an unsealed category shown', sealedForA, { part: 'problems', organisation: 'B', categories: ['fertility'] }, undefined],
    ['sealed: one sealed category among others hides', sealedForA, { part: 'problems', organisation: 'B', categories: ['fertility', 'termination'] }, 'sealed-category'],
    ['sealed: no categories shown', sealedForA, { part: 'problems', organisation: 'B', categories: [] }, undefined],
    ['sealed: sealed item recorded by nobody hidden', sealedForA, { part: 'problems', categories: ['hiv'] }, 'sealed-category'],
    ['sealed: patient-contributed sealed item shown', sealedForA, { part: 'contributions', organisation: 'B', categories: ['hiv'], patientContributed: true }, undefined],
    ['carer: undelegated part hidden', carer, { part: 'problems', organisation: 'B' }, 'part-not-delegated'],
    ['carer: delegated part shown', carer, { part: 'medications', organisation: 'B' }, undefined],
    ['carer: sealed item hidden even from its recorder (no one may see)', carer, { part: 'medications', organisation: 'B', categories: ['hiv'] }, 'sealed-category'],
    ['carer: not-for-patient-view hidden', carer, { part: 'medications', organisation: 'B', notForPatientView: true }, 'not-for-patient-view'],
    ['carer: part checked before anything else', carer, { part: 'problems', organisation: 'B', notForPatientView: true, categories: ['hiv'] }, 'part-not-delegated'],
    ['individual: not-for-patient-view hidden', individual, { part: 'letters', organisation: 'B', notForPatientView: true }, 'not-for-patient-view'],
    ['individual: sealed item shown', individual, { part: 'letters', organisation: 'B', categories: ['hiv'] }, undefined],
    ['objection checked before sealing', { ...objection, ...sealedForA }, { part: 'problems', organisation: 'B', categories: ['hiv'] }, 'objection'],
  ])('%s', (_situation, filter, item, expected) => {
    expect(hiddenBecause(filter, item)).toBe(expected);
    expect(isItemVisible(filter, item)).toBe(expected === undefined);
  });
});
