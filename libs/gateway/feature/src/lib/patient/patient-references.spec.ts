import type { PersonAccess } from '../access/person-access';
import { UnprocessableEntryError } from '../record/ingest/unprocessable-entry';
import { GoverningPersons } from './governing-persons';
import type { PatientReference } from './patient-reference.fhir';
import {
  localRecordOf,
  NAME_BY_OWN_IDENTIFIER,
  PatientReferences,
  REGISTER_FIRST,
} from './patient-references';
import { identityOf } from './patient-references.testing';
import { OTHER_PERSON_ID, PERSON_ID, personView } from './person-view.testing';

const PAS = { system: 'https://fhir.rbs.example/Id/pas-number', value: 'RBS0012345' };
const BY_PAS: PatientReference = { by: 'local-identifier', ...PAS };
const BY_NHS: PatientReference = { by: 'nhs-number', nhsNumber: '9434765919' };
const SURVIVOR = 'a1b2c3d4-0000-4000-8000-000000000001';

const survivor = personView({ personId: SURVIVOR, localRecords: [] });
const retired = personView({ status: 'retired', mergedInto: SURVIVOR });

function references(persons = [personView()]): PatientReferences {
  const identity = identityOf(persons);
  return new PatientReferences(identity, new GoverningPersons(identity, {} as PersonAccess));
}

describe('localRecordOf', () => {
  it("finds the person holding the sender's own record, with that record's id", () => {
    expect(localRecordOf([personView()], 'RBS', PAS)).toEqual({
      person: personView(),
      localRecordId: 'lr-rbs-1',
    });
  });

  it("does not take another organisation's record for the sender's", () => {
    expect(localRecordOf([personView()], 'Y12345', PAS)).toBeUndefined();
  });

  it('does not match another identifier value or system', () => {
    expect(localRecordOf([personView()], 'RBS', { ...PAS, value: 'RBS999' })).toBeUndefined();
    expect(localRecordOf([personView()], 'RBS', { ...PAS, system: 'https://x.example/Id' })).toBeUndefined();
  });

  it('passes over a retired person merged into no one, and finds no one among no persons', () => {
    expect(localRecordOf([personView({ status: 'retired' })], 'RBS', PAS)).toBeUndefined();
    expect(localRecordOf([], 'RBS', PAS)).toBeUndefined();
  });
});

describe('PatientReferences.resolve', () => {
  it("finds the sender's own identifier with its local record", async () => {
    expect(await references().resolve(BY_PAS, 'RBS', {})).toEqual({
      person: personView(),
      localRecordId: 'lr-rbs-1',
    });
  });

  it("is unknown for another organisation's identifier", async () => {
    expect(await references().resolve(BY_PAS, 'Y12345', {})).toBe('unknown');
  });

  it('resolves a retired person to the person it became, keeping the local record', async () => {
    expect(await references([retired, survivor]).resolve(BY_PAS, 'RBS', {})).toEqual({
      person: survivor,
      localRecordId: 'lr-rbs-1',
    });
  });

  it('finds a person by NHS number, and no one by an NHS number nobody holds', async () => {
    expect(await references().resolve(BY_NHS, 'RBS', {})).toEqual({ person: personView() });
    expect(await references().resolve({ by: 'nhs-number', nhsNumber: '9000000009' }, 'RBS', {})).toBe(
      'unknown',
    );
  });

  it('is ambiguous when two persons hold the NHS number, but not a retired person and its survivor', async () => {
    const other = personView({ personId: OTHER_PERSON_ID });
    expect(await references([personView(), other]).resolve(BY_NHS, 'RBS', {})).toBe('ambiguous');
    const merged = personView({ personId: SURVIVOR });
    expect(await references([retired, merged]).resolve(BY_NHS, 'RBS', {})).toEqual({ person: merged });
  });

  it('finds a person by id, the survivor for a retired one, and no one for an unknown id', async () => {
    const byId = (personId: string): PatientReference => ({ by: 'person-id', personId });
    expect(await references().resolve(byId(PERSON_ID), 'RBS', {})).toEqual({ person: personView() });
    expect(await references([retired, survivor]).resolve(byId(PERSON_ID), 'RBS', {})).toEqual({
      person: survivor,
    });
    expect(await references().resolve(byId(OTHER_PERSON_ID), 'RBS', {})).toBe('unknown');
  });

  it('is unknown when the survivor of a merge cannot be found', async () => {
    expect(await references([retired]).resolve(BY_PAS, 'RBS', {})).toBe('unknown');
  });
});

describe('PatientReferences.resolveOrRefuse', () => {
  it('answers the person found', async () => {
    expect(await references().resolveOrRefuse(BY_PAS, 'RBS', 'ServiceRequest', {})).toEqual({
      person: personView(),
      localRecordId: 'lr-rbs-1',
    });
  });

  it('refuses an unknown patient with 422 at <type>.subject, telling the sender to register them', async () => {
    const refusal = references().resolveOrRefuse(BY_PAS, 'Y12345', 'Communication', {});
    await expect(refusal).rejects.toBeInstanceOf(UnprocessableEntryError);
    await expect(refusal).rejects.toMatchObject({
      issues: [{ path: 'Communication.subject', message: REGISTER_FIRST }],
    });
  });

  it('refuses an NHS number held by two persons with 422, asking for the own identifier', async () => {
    const persons = [personView(), personView({ personId: OTHER_PERSON_ID })];
    await expect(
      references(persons).resolveOrRefuse(BY_NHS, 'RBS', 'DiagnosticReport', {}),
    ).rejects.toMatchObject({
      issues: [{ path: 'DiagnosticReport.subject', message: NAME_BY_OWN_IDENTIFIER }],
    });
  });
});
