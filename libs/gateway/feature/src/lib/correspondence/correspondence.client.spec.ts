import type { SendLetterRequestV1 } from '@ilinks/correspondence/contracts';
import { TooLargeError, UnavailableError } from '@ilinks/shared/kernel';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CorrespondenceClient } from './correspondence.client';
import { letterV1 } from './letter.testing';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('CorrespondenceClient', () => {
  let server: Server;
  let url: string;
  let answer: [number, unknown] = [201, letterV1()];
  const received: { method?: string; url?: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received.push({ method: request.method, url: request.url, headers: request.headers });
        response.statusCode = answer[0];
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(answer[1]));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    received.length = 0;
    answer = [201, letterV1()];
  });

  const client = () => new CorrespondenceClient({ correspondence: url });
  const request = {} as SendLetterRequestV1;

  it('needs the service URL', () => {
    expect(() => new CorrespondenceClient({})).toThrow('no base URL for the correspondence service');
  });

  it('tells a new letter (201) from one sent again (200)', async () => {
    expect((await client().send(request, {})).created).toBe(true);
    answer = [200, letterV1()];
    const again = await client().send(request, {});
    expect(again).toEqual({ letter: letterV1(), created: false });
  });

  it('passes the idempotency key and a well-formed traceparent on', async () => {
    await client().send(request, { idempotencyKey: 'send-key-1', traceparent: TRACEPARENT });
    await client().send(request, { traceparent: 'not-a-traceparent' });
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/letters',
      headers: { 'idempotency-key': 'send-key-1', traceparent: TRACEPARENT },
    });
    expect(received[1]?.headers).not.toHaveProperty('traceparent');
  });

  it("turns the service's refusal into the kernel error", async () => {
    answer = [
      413,
      { resourceType: 'OperationOutcome', issue: [{ code: 'too-long', diagnostics: 'too large' }] },
    ];
    await expect(client().send(request, {})).rejects.toThrow(TooLargeError);
  });

  it('answers UnavailableError when the service cannot be reached', async () => {
    const unreachable = new CorrespondenceClient({ correspondence: 'http://127.0.0.1:1' });
    await expect(unreachable.send(request, {})).rejects.toThrow(UnavailableError);
  });

  it('asks for a person by every local record and person id', async () => {
    answer = [200, { letters: [] }];
    await client().personLetters({ localRecordIds: ['lr-1', 'lr-2'], personIds: ['p-1'], limit: 20 }, {});
    expect(received[0]?.url).toBe('/letters?localRecordId=lr-1&localRecordId=lr-2&personId=p-1&limit=20');
  });
});
