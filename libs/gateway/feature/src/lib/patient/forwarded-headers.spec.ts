import { ValidationError } from '@ilinks/shared/kernel';
import type { IncomingMessage } from 'node:http';
import { fhirBaseUrlOf, forwardedHeadersOf } from './forwarded-headers';

const request = (headers: IncomingMessage['headers']): Pick<IncomingMessage, 'headers'> => ({ headers });

describe('forwardedHeadersOf', () => {
  it('forwards a well-formed Idempotency-Key and a traceparent', () => {
    expect(forwardedHeadersOf(request({ 'idempotency-key': 'abc:123-XYZ_.', traceparent: '00-x' }))).toEqual({
      idempotencyKey: 'abc:123-XYZ_.',
      traceparent: '00-x',
    });
  });

  it('forwards nothing when neither is sent', () => {
    expect(forwardedHeadersOf(request({}))).toEqual({});
  });

  it.each(['short', 'has space in it', 'x'.repeat(129), 'semi;colon!'])(
    'refuses the Idempotency-Key %p',
    (key) => {
      expect(() => forwardedHeadersOf(request({ 'idempotency-key': key }))).toThrow(ValidationError);
    },
  );

  it('names the header, not its value', () => {
    try {
      forwardedHeadersOf(request({ 'idempotency-key': 'bad key value' }));
    } catch (error) {
      expect((error as ValidationError).issues[0]?.path).toBe('Idempotency-Key');
      expect((error as ValidationError).issues[0]?.message).not.toContain('bad key value');
    }
    expect.assertions(2);
  });
});

describe('fhirBaseUrlOf', () => {
  it('prefers the configured URL, without a trailing slash', () => {
    expect(
      fhirBaseUrlOf(
        { headers: { host: 'ignored' }, socket: {} as IncomingMessage['socket'] },
        'https://x.example/fhir/',
      ),
    ).toBe('https://x.example/fhir');
  });

  it('derives it from the Host header otherwise', () => {
    expect(
      fhirBaseUrlOf(
        { headers: { host: '127.0.0.1:8080' }, socket: {} as IncomingMessage['socket'] },
        undefined,
      ),
    ).toBe('http://127.0.0.1:8080/fhir');
  });

  it('uses https on an encrypted socket', () => {
    const socket = { encrypted: true } as unknown as IncomingMessage['socket'];
    expect(fhirBaseUrlOf({ headers: { host: 'h' }, socket }, undefined)).toBe('https://h/fhir');
  });
});
