import { NotFoundError, UnavailableError } from '@ilinks/shared/kernel';
import { callService, errorForServiceResponse } from './service-call';

describe('errorForServiceResponse', () => {
  it('names the service in its own fallback texts', () => {
    expect(errorForServiceResponse('the consent service', 404, '').message).toBe(
      'the consent service refused the request (404)',
    );
    expect(errorForServiceResponse('the consent service', 502, '')).toEqual(
      new UnavailableError('the consent service could not answer'),
    );
    expect(errorForServiceResponse('the consent service', 401, '').message).toBe(
      'the consent service answered 401 to the gateway',
    );
  });

  it("keeps the service's own words when it sent an OperationOutcome", () => {
    const body = JSON.stringify({
      resourceType: 'OperationOutcome',
      issue: [{ diagnostics: 'no such person' }],
    });
    expect(errorForServiceResponse('the consent service', 404, body)).toEqual(
      new NotFoundError('no such person'),
    );
  });
});

describe('callService', () => {
  it('turns an unreachable service into UnavailableError naming it', async () => {
    await expect(
      callService({
        service: 'the audit service',
        baseUrl: 'http://127.0.0.1:1',
        method: 'GET',
        path: '/x',
        forwarded: {},
        timeoutMs: 1000,
      }),
    ).rejects.toEqual(new UnavailableError('the audit service cannot be reached'));
  });
});
