import { ForbiddenError, UnavailableError, ValidationError } from '@ilinks/shared/kernel';
import { ConsentClient } from './consent.client';
import { ConsentStub, policyV1 } from './consent-stub.testing';

const PERSON = 'a1b2c3d4-0000-4000-8000-000000000001';
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('ConsentClient', () => {
  const stub = new ConsentStub();
  let client: ConsentClient;

  beforeAll(async () => {
    await stub.start();
    client = new ConsentClient({ consent: `${stub.url}/` });
  });

  afterAll(() => stub.stop());

  beforeEach(() => stub.reset());

  it('refuses to start without the service URL', () => {
    expect(() => new ConsentClient({})).toThrow(/consent/);
  });

  it("reads a person's access policy, passing traceparent on", async () => {
    stub.policies.set(PERSON, policyV1(PERSON, { sharedCategories: ['hiv'] }));
    expect(await client.getAccessPolicy(PERSON, { traceparent: TRACEPARENT })).toMatchObject({
      personId: PERSON,
      sharedCategories: ['hiv'],
    });
    expect(stub.received[0]).toMatchObject({ method: 'GET', url: `/persons/${PERSON}/access-policy` });
    expect(stub.received[0]?.headers['traceparent']).toBe(TRACEPARENT);
  });

  it('answers undefined for a person the service has not heard of', async () => {
    expect(await client.getAccessPolicy(PERSON)).toBeUndefined();
  });

  it('breaks the glass with a JSON body and the Idempotency-Key', async () => {
    stub.policies.set(PERSON, policyV1(PERSON));
    const grant = await client.breakGlass(
      PERSON,
      { subject: 'dr-who', organisation: 'RXX', reason: 'unconscious in A&E' },
      { idempotencyKey: 'key-12345678' },
    );
    expect(grant).toMatchObject({ personId: PERSON, subject: 'dr-who', reason: 'unconscious in A&E' });
    expect(stub.received[0]).toMatchObject({
      method: 'POST',
      url: `/persons/${PERSON}/break-glass`,
      body: { subject: 'dr-who', organisation: 'RXX', reason: 'unconscious in A&E' },
    });
    expect(stub.received[0]?.headers['idempotency-key']).toBe('key-12345678');
    expect(stub.received[0]?.headers['content-type']).toBe('application/json');
  });

  it('starts a relationship', async () => {
    stub.policies.set(PERSON, policyV1(PERSON));
    const relationship = await client.startRelationship(PERSON, {
      organisation: 'RXX',
      kind: 'self-declared',
      declaredBy: 'dr-who',
      reason: 'seen in clinic today',
    });
    expect(relationship).toMatchObject({ kind: 'self-declared', organisation: 'RXX' });
    expect(stub.received[0]?.url).toBe(`/persons/${PERSON}/relationships`);
  });

  it.each([
    [400, ValidationError],
    [403, ForbiddenError],
    [500, UnavailableError],
  ])('turns a %i into the matching kernel error', async (status, kind) => {
    stub.failWith = status;
    await expect(client.getAccessPolicy(PERSON)).rejects.toBeInstanceOf(kind);
  });

  it('turns an unreachable service into UnavailableError naming the consent service', async () => {
    const unreachable = new ConsentClient({ consent: 'http://127.0.0.1:1' });
    await expect(unreachable.getAccessPolicy(PERSON)).rejects.toThrow(
      new UnavailableError('the consent service cannot be reached'),
    );
  });
});
