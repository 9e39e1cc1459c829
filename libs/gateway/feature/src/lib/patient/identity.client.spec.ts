import {
  ConflictError,
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '@ilinks/shared/kernel';
import { errorForResponse, IdentityClient } from './identity.client';
import { PERSON_ID, personView } from './person-view.testing';

const BASE = 'http://identity.internal:3001';
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function outcome(...issues: { code: string; diagnostics: string; expression?: string[] }[]): string {
  return JSON.stringify({
    resourceType: 'OperationOutcome',
    issue: issues.map((issue) => ({ severity: 'error', ...issue })),
  });
}

describe('IdentityClient', () => {
  let fetchMock: jest.SpyInstance;
  const client = new IdentityClient({ 'identity-matching': `${BASE}/` });

  beforeEach(() => {
    fetchMock = jest.spyOn(globalThis, 'fetch');
  });

  afterEach(() => {
    fetchMock.mockRestore();
  });

  function answer(status: number, body: unknown): void {
    fetchMock.mockResolvedValue(
      new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }),
    );
  }

  function sent(): { url: string; init: RequestInit & { headers: Record<string, string> } } {
    const [url, init] = fetchMock.mock.calls[0] as [
      string,
      RequestInit & { headers: Record<string, string> },
    ];
    return { url, init };
  }

  it('refuses to start without the service URL', () => {
    expect(() => new IdentityClient({})).toThrow('identity-matching');
  });

  it('posts a registration as JSON, forwarding Idempotency-Key and traceparent', async () => {
    answer(201, { personId: PERSON_ID });
    const request = {
      organisation: 'RBS',
      identifier: { system: 'https://x.example/id', value: 'A' },
      demographics: {
        names: [],
        birthDate: '2000-01-01',
        gender: 'unknown' as const,
        addresses: [],
        telecom: [],
      },
    };
    await expect(
      client.register(request, { idempotencyKey: 'key-12345', traceparent: TRACEPARENT }),
    ).resolves.toEqual({
      personId: PERSON_ID,
    });
    const { url, init } = sent();
    expect(url).toBe(`${BASE}/local-records`);
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual(request);
    expect(init.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'key-12345',
      traceparent: TRACEPARENT,
    });
  });

  it('drops a malformed traceparent and sends no body headers on a GET', async () => {
    answer(200, personView());
    await client.getPerson(PERSON_ID, { traceparent: 'garbage' });
    expect(sent().init.headers).toEqual({ accept: 'application/json' });
    expect(sent().init.body).toBeUndefined();
  });

  it.each([
    ['getPerson', () => client.getPerson('a/b'), 'GET', '/persons/a%2Fb'],
    [
      'searchPersons',
      () => client.searchPersons({ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }),
      'GET',
      '/persons?identifierSystem=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number&identifierValue=9434765919',
    ],
    ['match', () => client.match({ demographics: personlessDemographics() }), 'POST', '/match'],
    ['listReviews (no query)', () => client.listReviews({}), 'GET', '/match-reviews'],
    [
      'listReviews',
      () => client.listReviews({ status: 'open', cursor: 'c1', limit: 20 }),
      'GET',
      '/match-reviews?status=open&cursor=c1&limit=20',
    ],
    ['getReview', () => client.getReview('r-1'), 'GET', '/match-reviews/r-1'],
    [
      'resolveReview',
      () =>
        client.resolveReview('r-1', { decision: 'different-people', reason: 'checked', resolvedBy: 'u1' }),
      'POST',
      '/match-reviews/r-1/resolve',
    ],
    [
      'unlink',
      () => client.unlink('p-1', { localRecordId: 'lr', reason: 'wrong', requestedBy: 'u1' }),
      'POST',
      '/persons/p-1/unlink',
    ],
    [
      'undoMerge',
      () => client.undoMerge('p-1', 'm-1', { reason: 'wrong', requestedBy: 'u1' }),
      'POST',
      '/persons/p-1/merges/m-1/undo',
    ],
  ])('%s calls %s %s', async (_name, call, method, path) => {
    answer(200, {});
    await call();
    expect(sent().url).toBe(`${BASE}${path}`);
    expect(sent().init.method).toBe(method);
  });

  it('passes a 400 on with the service issues', async () => {
    answer(
      400,
      outcome({
        code: 'invalid',
        diagnostics: 'demographics.birthDate is required',
        expression: ['demographics.birthDate'],
      }),
    );
    const error = await client.getPerson(PERSON_ID).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'demographics.birthDate', message: 'demographics.birthDate is required' },
    ]);
  });

  it('turns an unreachable service into UnavailableError', async () => {
    fetchMock.mockRejectedValue(new TypeError('fetch failed'));
    await expect(client.getPerson(PERSON_ID)).rejects.toBeInstanceOf(UnavailableError);
  });
});

describe('errorForResponse', () => {
  it.each([
    [400, ValidationError],
    [403, ForbiddenError],
    [404, NotFoundError],
    [422, IllegalStateError],
  ])('maps %d to %p, keeping the text', (status, type) => {
    const error = errorForResponse(status, outcome({ code: 'x', diagnostics: 'the service said so' }));
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe('the service said so');
  });

  it('maps a 409 business-rule to IllegalStateError', () => {
    expect(
      errorForResponse(
        409,
        outcome({ code: 'business-rule', diagnostics: 'the review is already resolved' }),
      ),
    ).toBeInstanceOf(IllegalStateError);
  });

  it('maps a 409 conflict to ConflictError without doubling the retry advice', () => {
    const error = errorForResponse(
      409,
      outcome({
        code: 'conflict',
        diagnostics: 'person changed; the resource changed concurrently: retry the request',
      }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe('person changed');
  });

  it.each([500, 502, 503, 504])('maps %d to UnavailableError', (status) => {
    expect(errorForResponse(status, '')).toBeInstanceOf(UnavailableError);
  });

  it('maps an answer the gateway should never get (401) to a plain Error (500)', () => {
    const error = errorForResponse(401, outcome({ code: 'login', diagnostics: 'no token' }));
    expect(error.constructor).toBe(Error);
  });

  it('falls back to a generic text when the body is not an OperationOutcome', () => {
    const error = errorForResponse(404, '<html>nope</html>');
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('the identity service refused the request (404)');
  });

  it('keeps issues without an expression, with an empty path', () => {
    const error = errorForResponse(400, outcome({ code: 'invalid', diagnostics: 'bad' })) as ValidationError;
    expect(error.issues).toEqual([{ path: '', message: 'bad' }]);
  });
});

function personlessDemographics() {
  return { names: [], birthDate: '', gender: 'unknown' as const, addresses: [], telecom: [] };
}
