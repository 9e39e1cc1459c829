import { syntheticRecords } from './synthetic-records';

describe('syntheticRecords', () => {
  it('is deterministic for a seed', () => {
    expect(syntheticRecords(20, 5)).toEqual(syntheticRecords(20, 5));
  });

  it('holds most people twice', () => {
    const records = syntheticRecords(100, 5);
    expect(records.length).toBeGreaterThan(150);
    expect(records.length).toBeLessThanOrEqual(200);
  });
});
