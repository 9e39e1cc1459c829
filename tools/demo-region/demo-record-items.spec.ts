import { generatePopulation } from '../identity-data/generate-population';
import { demoItemsFor } from './demo-record-items';

describe('demoItemsFor', () => {
  const { records } = generatePopulation({ persons: 40 }, 11);
  const today = new Date('2026-11-26T12:00:00Z');

  it('gives every kind of partner items about its own patient identifier', () => {
    for (const kind of ['gp-practice', 'acute-trust', 'community-trust', 'council'] as const) {
      const items = demoItemsFor(records[0], kind, today);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        const about = (item['subject'] ?? item['patient']) as { identifier: unknown } | undefined;
        const identifier =
          about?.identifier ??
          (item['participant'] as { actor: { identifier: unknown } }[] | undefined)?.[0]?.actor.identifier ??
          (item['extension'] as { valueIdentifier: unknown }[] | undefined)?.[0]?.valueIdentifier;
        expect(identifier).toEqual(records[0].identifier);
      }
    }
  });

  it('is stable: the same record and day give the same items, so a second load changes nothing', () => {
    expect(demoItemsFor(records[3], 'gp-practice', today)).toEqual(
      demoItemsFor(records[3], 'gp-practice', today),
    );
  });

  it('gives each item an id of its own', () => {
    const ids = records.flatMap((record) =>
      demoItemsFor(record, 'gp-practice', today).map((item) => item.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('books appointments in the future and records encounters in the past', () => {
    for (const record of records) {
      for (const item of demoItemsFor(record, 'gp-practice', today))
        if (item.resourceType === 'Appointment')
          expect(Date.parse(String(item['start']))).toBeGreaterThan(today.getTime());
      for (const item of demoItemsFor(record, 'acute-trust', today))
        if (item.resourceType === 'Encounter')
          expect(Date.parse((item['period'] as { start: string }).start)).toBeLessThan(today.getTime());
    }
  });
});
