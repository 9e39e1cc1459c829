import { ValidationError } from '@ilinks/shared/kernel';
import { idempotencyKeyOf } from './idempotency-key';

describe('idempotencyKeyOf', () => {
  it('keeps a well-formed key', () => {
    expect(idempotencyKeyOf('send-letter:2026-11-26_001')).toBe('send-letter:2026-11-26_001');
  });

  it('makes a fresh key for a request without one, a new one each time', () => {
    const first = idempotencyKeyOf(undefined);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(idempotencyKeyOf(undefined)).not.toBe(first);
  });

  it.each(['short', 'x'.repeat(129), 'has space here', 'semi;colon-key'])('refuses %j', (header) => {
    expect(() => idempotencyKeyOf(header)).toThrow(ValidationError);
  });
});
