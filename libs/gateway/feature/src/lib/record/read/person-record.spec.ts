import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import type { PersonEntriesV1 } from '@ilinks/record-projection/contracts';
import type { Principal } from '@ilinks/platform/security';
import { NotFoundError, UnavailableError } from '@ilinks/shared/kernel';
import type { IncomingMessage } from 'node:http';
import type { PermittedAccess, PersonAccess } from '../../access/person-access';
import { GoverningPersons } from '../../patient/governing-persons';
import type { IdentityClient } from '../../patient/identity.client';
import { PersonRecord } from './person-record';
import type { RecordReadClient } from './record-read.client';
import { recordEntry } from './record-entry.testing';

const ASKED = '3f2c1a9e-5b7d-4c1e-9a2b-6d8e0f1a2b3c';
const OTHER = '7a1b2c3d-4e5f-4a6b-8c9d-0e1f2a3b4c5d';
const principal = { subject: 'dr-1', role: 'practitioner', organisation: 'RBS' } as Principal;
const request = { headers: {} } as IncomingMessage;
const permitted = { isVisible: () => true } as unknown as PermittedAccess;

function personWithId(personId: string): PersonViewV1 {
  return { personId, status: 'active', localRecords: [] } as unknown as PersonViewV1;
}

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  return { promise, resolve, reject };
}

function personRecordWith(getPerson: () => Promise<PersonViewV1>, entries: () => Promise<PersonEntriesV1>) {
  const personEntries = jest.fn((personId: string, _type?: string) =>
    entries().then((read) => ({ ...read, personId })),
  );
  const records = { personEntries } as unknown as RecordReadClient;
  const identity = { getPerson: jest.fn(getPerson) } as unknown as IdentityClient;
  const access = { authorize: jest.fn(async () => permitted) } as unknown as PersonAccess;
  return {
    personRecord: new PersonRecord(records, new GoverningPersons(identity, access), { sensitiveCodes: [] }),
    personEntries,
  };
}

describe('PersonRecord.open', () => {
  it('reads the entries while identity is still finding the person', async () => {
    const person = deferred<PersonViewV1>();
    const entry = recordEntry();
    const { personRecord, personEntries } = personRecordWith(
      () => person.promise,
      async () => ({ personId: ASKED, entries: [entry] }),
    );
    const opening = personRecord.open(ASKED.toUpperCase(), principal, request, {
      label: { part: 'summary' },
    });
    await Promise.resolve();
    expect(personEntries).toHaveBeenCalledWith(ASKED, undefined, {});
    person.resolve(personWithId(ASKED));
    const opened = await opening;
    expect(opened.entries).toEqual([entry]);
    expect(personEntries).toHaveBeenCalledTimes(1);
  });

  it('answers an unknown person 404, whatever the record service answered', async () => {
    const { personRecord } = personRecordWith(
      async () => {
        throw new NotFoundError('no such person');
      },
      async () => {
        throw new UnavailableError('the record service is unavailable');
      },
    );
    await expect(
      personRecord.open(ASKED, principal, request, { label: { part: 'summary' } }),
    ).rejects.toThrow(NotFoundError);
  });

  it('reads the entries of the person identity answers with, when it is another', async () => {
    const { personRecord, personEntries } = personRecordWith(
      async () => personWithId(OTHER),
      async () => ({ personId: ASKED, entries: [] }),
    );
    await personRecord.open(ASKED, principal, request, {
      label: { part: 'summary' },
      resourceType: 'Condition',
    });
    expect(personEntries.mock.calls.map(([personId, type]) => [personId, type])).toEqual([
      [ASKED, 'Condition'],
      [OTHER, 'Condition'],
    ]);
  });
});
