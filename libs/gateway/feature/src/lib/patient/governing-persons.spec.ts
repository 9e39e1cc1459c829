import type { ResourceLabel } from '@ilinks/consent/domain';
import type { Principal } from '@ilinks/platform/security';
import { NotFoundError } from '@ilinks/shared/kernel';
import type { IncomingMessage } from 'node:http';
import type { PermittedAccess, PersonAccess } from '../access/person-access';
import { auditFactsOf } from '../audit/request-audit';
import { dataScopeOf, GoverningPersons } from './governing-persons';
import { identityOf } from './patient-references.testing';
import { PERSON_ID, personView } from './person-view.testing';

const SURVIVOR = 'a1b2c3d4-0000-4000-8000-000000000001';
const LETTERS: ResourceLabel = { part: 'letters' };
const principal = { subject: 'u-1', role: 'practitioner', organisation: 'RBS' } as Principal;

const merge = (mergedPersonId: string, undone: boolean) => ({
  mergeId: `m-${mergedPersonId}`,
  mergedPersonId,
  localRecordIds: [],
  reason: 'duplicate',
  mergedAt: '2025-06-01T10:00:00.000Z',
  undone,
});

function governingPersons(persons = [personView()]) {
  const authorize = jest.fn(async () => ({ isVisible: () => true }) as unknown as PermittedAccess);
  const access = { authorize } as unknown as PersonAccess;
  return { persons: new GoverningPersons(identityOf(persons), access), authorize };
}

describe('GoverningPersons.open', () => {
  it('authorizes the caller for the label on the person, with their record holders', async () => {
    const { persons, authorize } = governingPersons();
    const request = {} as IncomingMessage;
    const opened = await persons.open(PERSON_ID.toUpperCase(), principal, request, LETTERS, {});
    expect(opened.person).toEqual(personView());
    expect(authorize).toHaveBeenCalledWith(request, principal, PERSON_ID, LETTERS, {
      recordHolders: ['RBS'],
    });
  });

  it('answers the same 404 for an id that is not a UUID and for an unknown person', async () => {
    const { persons } = governingPersons([]);
    await expect(persons.open('x', principal, {} as IncomingMessage, LETTERS, {})).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      persons.open(PERSON_ID, principal, {} as IncomingMessage, LETTERS, {}),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("decides a retired person by its survivor's rules, auditing the id asked about too", async () => {
    const survivor = personView({ personId: SURVIVOR });
    const { persons, authorize } = governingPersons([
      personView({ status: 'retired', mergedInto: SURVIVOR }),
      survivor,
    ]);
    const request = {} as IncomingMessage;
    const opened = await persons.open(PERSON_ID, principal, request, LETTERS, {});
    expect(opened.person).toEqual(survivor);
    expect(authorize).toHaveBeenCalledWith(request, principal, SURVIVOR, LETTERS, expect.anything());
    expect([...auditFactsOf(request).personIds]).toEqual([PERSON_ID]);
  });
});

describe('dataScopeOf', () => {
  it("is the person's current local records and the person ids merged into it", () => {
    const person = personView({ merges: [merge('old-1', false), merge('old-2', true)] });
    expect(dataScopeOf(person)).toEqual({ localRecordIds: ['lr-rbs-1'], personIds: [PERSON_ID, 'old-1'] });
  });

  it('is the person alone when nothing was merged', () => {
    expect(dataScopeOf(personView()).personIds).toEqual([PERSON_ID]);
  });
});
