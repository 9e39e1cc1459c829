import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import type { Principal } from '@ilinks/platform/security';
import { ForbiddenError, NotFoundError, UnavailableError } from '@ilinks/shared/kernel';
import type { IdentityClient } from '../../patient/identity.client';
import { RecordContributors } from './record-contributors';

const A = '0b7c6f1e-5d0a-4c3e-9f4b-2a1d8e6c7b90';
const B = '3c1d2e4f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
const C = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';

function contributorsWith(persons: Record<string, Partial<PersonViewV1> | Error>): RecordContributors {
  const identity = {
    getPerson: async (personId: string) => {
      const person = persons[personId];
      if (person === undefined) throw new NotFoundError('no such person');
      if (person instanceof Error) throw person;
      return { personId, status: 'active', ...person } as PersonViewV1;
    },
  } as unknown as IdentityClient;
  return new RecordContributors(identity);
}

const individual = (patient?: string): Principal => ({
  subject: 'login-1',
  organisation: 'APP01',
  role: 'individual',
  ...(patient === undefined ? {} : { patient }),
});

describe('RecordContributors', () => {
  it('is the token’s person when active', async () => {
    expect(await contributorsWith({ [A]: {} }).contributorOf(individual(A), {})).toEqual({
      tokenPersonId: A,
      personId: A,
    });
  });

  it('follows merges to the person it became', async () => {
    const contributors = contributorsWith({
      [A]: { status: 'retired', mergedInto: B },
      [B]: { status: 'retired', mergedInto: C },
      [C]: {},
    });
    expect(await contributors.contributorOf(individual(A), {})).toEqual({ tokenPersonId: A, personId: C });
  });

  it('refuses a person identity does not know (403)', async () => {
    await expect(contributorsWith({}).contributorOf(individual(A), {})).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('refuses a token without a person id (403)', async () => {
    await expect(contributorsWith({}).contributorOf(individual(), {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(contributorsWith({}).contributorOf(individual('not-a-uuid'), {})).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('passes identity being unreachable on', async () => {
    const contributors = contributorsWith({ [A]: new UnavailableError('identity is unavailable') });
    await expect(contributors.contributorOf(individual(A), {})).rejects.toBeInstanceOf(UnavailableError);
  });
});
