import type { ResourceLabel } from '@ilinks/consent/domain';
import { demographicsOf, recordHoldersOf, visiblePersonView } from './person-visibility';
import { fromRbs, personView } from './person-view.testing';

const fromGp = <T>(value: T) => ({ ...fromRbs(value), localRecordId: 'lr-gp-1', organisation: 'Y12345' });

const twoOrganisations = personView({
  golden: {
    nhsNumber: fromGp('9434765919'),
    name: fromRbs({ family: 'Smith', given: ['Jane'] }),
    birthDate: fromGp('1980-02-29'),
    gender: fromRbs('female'),
  },
  localRecords: [
    ...personView().localRecords,
    {
      localRecordId: 'lr-gp-1',
      organisation: 'Y12345',
      identifier: { system: 'https://gp.example/Id/patient', value: 'GP-1' },
      linkedAt: '2025-01-03T10:00:00.000Z',
      method: 'nhs-number',
    },
  ],
});

const onlyFrom =
  (organisation: string) =>
  (item: ResourceLabel): boolean =>
    item.organisation === organisation;

describe('visiblePersonView', () => {
  it('shows everything when everything is visible', () => {
    expect(visiblePersonView(twoOrganisations, () => true)).toEqual(twoOrganisations);
  });

  it("keeps only the caller's organisation's values and identifiers", () => {
    const seen = visiblePersonView(twoOrganisations, onlyFrom('RBS'));
    expect(Object.keys(seen.golden).sort()).toEqual(['gender', 'name']);
    expect(seen.localRecords.map((record) => record.organisation)).toEqual(['RBS']);
  });

  it('keeps the id, status and merge history', () => {
    const seen = visiblePersonView(twoOrganisations, () => false);
    expect(seen).toMatchObject({ personId: twoOrganisations.personId, status: 'active', merges: [] });
    expect(seen.golden).toEqual({});
    expect(seen.localRecords).toEqual([]);
  });

  it('asks about each value as demographics recorded by its organisation', () => {
    const asked: ResourceLabel[] = [];
    visiblePersonView(twoOrganisations, (item) => asked.push(item) > 0);
    expect(asked).toContainEqual(demographicsOf('Y12345'));
    expect(asked.every((item) => item.part === 'demographics')).toBe(true);
  });
});

describe('recordHoldersOf', () => {
  it('lists each organisation once', () => {
    const person = personView({
      localRecords: [
        ...twoOrganisations.localRecords,
        { ...twoOrganisations.localRecords[0], localRecordId: 'x' },
      ],
    });
    expect(recordHoldersOf(person)).toEqual(['RBS', 'Y12345']);
  });
});
