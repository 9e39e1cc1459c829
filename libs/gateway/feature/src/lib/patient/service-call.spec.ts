import { NotFoundError, UnavailableError } from '@ilinks/shared/kernel';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callService, errorForServiceResponse, serviceCallers } from './service-call';

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

describe('serviceCallers', () => {
  let server: Server;
  let services: Record<string, string>;
  let status = 201;
  const received: IncomingHttpHeaders[] = [];
  const naming = { name: 'notes', text: 'the notes service', client: 'NotesClient', timeoutMs: 1000 };

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received.push(request.headers);
        response.statusCode = status;
        response.end(request.method === 'POST' ? JSON.stringify({ id: 'n-1' }) : '<svg/>');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    services = { notes: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses to start without the base URL, naming the client', () => {
    expect(() => serviceCallers({}, naming)).toThrow('NotesClient: no base URL for the notes service');
  });

  it('tells a created thing (201) from one the service already had (200)', async () => {
    status = 201;
    expect(await serviceCallers(services, naming).create('/notes', {}, {})).toEqual({
      value: { id: 'n-1' },
      created: true,
    });
    status = 200;
    expect((await serviceCallers(services, naming).create('/notes', {}, {})).created).toBe(false);
  });

  it('reads a text answer, asking for its media type', async () => {
    status = 200;
    received.length = 0;
    expect(await serviceCallers(services, naming).text('/notes/svg', {}, 'image/svg+xml')).toBe('<svg/>');
    expect(received[0]?.accept).toBe('image/svg+xml');
  });

  it('turns a refusal of a creating POST into the kernel error', async () => {
    status = 404;
    await expect(serviceCallers(services, naming).create('/notes', {}, {})).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
