import { carePlanRank, carePlansOf } from './care-plans-view';
import { viewEntry } from './view-entry.testing';

const plan = (entryId: string, status: string, effectiveAt: string, resource: Record<string, unknown> = {}) =>
  viewEntry('CarePlan', { status, ...resource }, { entryId, effectiveAt, part: 'care-plans' });

describe('carePlanRank', () => {
  it.each([
    ['active', 0],
    ['on-hold', 0],
    ['draft', 0],
    ['completed', 1],
    ['revoked', 2],
    ['unknown', 2],
  ])('%s → %s', (status, rank) => {
    expect(carePlanRank(plan('p', status, '2025-01-01T00:00:00.000Z'))).toBe(rank);
  });
});

describe('carePlansOf', () => {
  it('puts plans in play first, then completed ones, each newest first', () => {
    const { view } = carePlansOf([
      plan('done', 'completed', '2026-02-01T00:00:00.000Z'),
      plan('old-active', 'active', '2024-01-01T00:00:00.000Z'),
      plan('revoked', 'revoked', '2026-02-02T00:00:00.000Z'),
      plan('new-draft', 'draft', '2025-01-01T00:00:00.000Z'),
    ]);
    expect(view.map((item) => item.reference)).toEqual([
      'CarePlan/new-draft',
      'CarePlan/old-active',
      'CarePlan/done',
      'CarePlan/revoked',
    ]);
  });

  it('carries title, period, goals and activities as sent, and the author', () => {
    const activity = [{ detail: { status: 'scheduled', description: 'Walk daily' } }];
    const { view } = carePlansOf([
      plan('p', 'active', '2025-01-01T00:00:00.000Z', {
        title: 'Diabetes',
        intent: 'plan',
        period: { start: '2026-01-01' },
        goal: [{ reference: 'Goal/1' }],
        activity,
        author: { display: 'Dr A' },
      }),
    ]);
    expect(view[0]).toMatchObject({
      title: 'Diabetes',
      intent: 'plan',
      period: { start: '2026-01-01' },
      goals: [{ reference: 'Goal/1' }],
      activities: activity,
      author: 'Dr A',
      authorOrganisation: 'RBS',
      patientContributed: false,
    });
  });

  it("marks the person's own plan", () => {
    const own = { ...plan('mine', 'active', '2025-01-01T00:00:00.000Z'), patientContributed: true };
    expect(carePlansOf([own]).view[0]?.patientContributed).toBe(true);
  });

  it('ignores other types and entered-in-error plans, and returns what it shows', () => {
    const gone = {
      ...plan('gone', 'active', '2025-01-01T00:00:00.000Z'),
      status: 'entered-in-error' as const,
    };
    const { view, returned } = carePlansOf([gone, viewEntry('Goal', {})]);
    expect(view).toEqual([]);
    expect(returned).toEqual([]);
  });

  it('gives empty goal and activity lists when none were sent', () => {
    expect(carePlansOf([plan('p', 'active', '2025-01-01T00:00:00.000Z')]).view[0]).toMatchObject({
      goals: [],
      activities: [],
    });
  });
});
