import { DEFAULT_VIEWS, VIEW_LABELS, defaultViewsFor, isPartGranted } from './default-views';

describe('defaultViewsFor', () => {
  it('gives a practitioner and a partner system the summary and the next five appointments', () => {
    for (const role of ['practitioner', 'system'])
      expect(defaultViewsFor(role)).toEqual([{ view: 'summary' }, { view: 'diary', limit: 5 }]);
  });

  it('gives an individual their diary, care plans, care team and ten newest items', () => {
    expect(defaultViewsFor('individual').map((spec) => spec.view)).toEqual([
      'diary',
      'carePlans',
      'careTeam',
      'timeline',
    ]);
    expect(defaultViewsFor('individual')[3]?.limit).toBe(10);
  });

  it('never offers a carer the timeline, which has no part of its own', () => {
    expect(defaultViewsFor('carer').map((spec) => spec.view)).not.toContain('timeline');
  });

  it('gives governance and administration nothing', () => {
    expect(defaultViewsFor('ig-officer')).toEqual([]);
    expect(defaultViewsFor('admin')).toEqual([]);
  });

  it('asks only for parts a view has', () => {
    for (const specs of Object.values(DEFAULT_VIEWS))
      for (const spec of specs) expect(VIEW_LABELS[spec.view].part).toBeDefined();
  });
});

describe('isPartGranted', () => {
  it('grants every part under a plain permit', () => {
    expect(isPartGranted({ decision: { effect: 'permit', basis: 'care-relationship' } }, 'summary')).toBe(
      true,
    );
  });

  it('grants every part under a filter without a list of parts (an objection)', () => {
    const decision = {
      effect: 'permit-with-filter' as const,
      basis: 'care-relationship' as const,
      filter: { onlyFromOrganisations: ['RBS'] },
    };
    expect(isPartGranted({ decision }, 'care-team')).toBe(true);
  });

  it("grants only a carer's delegated parts", () => {
    const decision = {
      effect: 'permit-with-filter' as const,
      basis: 'delegation' as const,
      filter: { onlyParts: ['appointments' as const] },
    };
    expect(isPartGranted({ decision }, 'appointments')).toBe(true);
    expect(isPartGranted({ decision }, 'care-plans')).toBe(false);
  });
});
