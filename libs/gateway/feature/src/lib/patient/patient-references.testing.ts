import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import { NotFoundError } from '@ilinks/shared/kernel';
import type { IdentityClient } from './identity.client';

/** An identity client over `persons` (for specs): by id, and by any identifier a person holds. */
export function identityOf(persons: readonly PersonViewV1[]): IdentityClient {
  return {
    getPerson: async (personId: string) => {
      const person = persons.find((candidate) => candidate.personId === personId);
      if (person === undefined) throw new NotFoundError('no such person');
      return person;
    },
    searchPersons: async (identifier: { readonly system: string; readonly value: string }) => ({
      persons: persons.filter(
        (person) =>
          person.golden.nhsNumber?.value === identifier.value ||
          person.localRecords.some(
            (record) =>
              record.identifier.system === identifier.system && record.identifier.value === identifier.value,
          ),
      ),
    }),
  } as unknown as IdentityClient;
}
