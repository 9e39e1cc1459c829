import type { Principal } from '@ilinks/platform/security';
import { ForbiddenError, ValidationError } from '@ilinks/shared/kernel';
import { assertMaySearch, auditEventSearchOf } from './audit-event-search';

const PERSON = '0b7c6f1e-5d0a-4c3e-9f4b-2a1d8e6c7b90';

describe('auditEventSearchOf', () => {
  it('reads every parameter', () => {
    expect(
      auditEventSearchOf({
        patient: `Patient/${PERSON}`,
        agent: 'dr-jones',
        date: ['ge2026-11-01', 'lt2026-11-26T12:00:00Z'],
        _count: '50',
        _cursor: 'c2',
      }),
    ).toEqual({
      patient: PERSON,
      agent: 'dr-jones',
      since: '2026-11-01T00:00:00.000Z',
      until: '2026-11-26T12:00:00.000Z',
      cursor: 'c2',
      limit: 50,
    });
  });

  it('pages by 20 by default', () => {
    expect(auditEventSearchOf({})).toEqual({ limit: 20 });
  });

  it.each([
    [{ date: 'eq2026-11-01' }, 'date'],
    [{ date: 'ge2026-13-45' }, 'date'],
    [{ _count: '0' }, '_count'],
    [{ _count: '101' }, '_count'],
    [{ _count: 'ten' }, '_count'],
    [{ patient: ['a', 'b'] }, 'patient'],
    [{ patient: 'has spaces' }, 'patient'],
    [{ agent: { nested: true } }, 'agent'],
  ])('refuses %j, naming %s', (parameters, path) => {
    try {
      auditEventSearchOf(parameters);
      throw new Error('expected a refusal');
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe(path);
    }
  });
});

describe('assertMaySearch', () => {
  const principal = (role: Principal['role'], patient?: string): Principal => ({
    subject: 'u',
    organisation: 'RX1',
    role,
    ...(patient ? { patient } : {}),
  });

  it('lets an information-governance officer search anything', () => {
    expect(() => assertMaySearch(principal('ig-officer'), { limit: 20 })).not.toThrow();
  });

  it('lets an individual search their own record', () => {
    expect(() =>
      assertMaySearch(principal('individual', PERSON), { patient: PERSON, limit: 20 }),
    ).not.toThrow();
  });

  it.each([
    [principal('individual', PERSON), { limit: 20 }],
    [principal('individual', PERSON), { patient: 'someone-else', limit: 20 }],
    [principal('individual', PERSON), { agent: 'x', limit: 20 }],
    [principal('practitioner'), { patient: PERSON, limit: 20 }],
    [principal('admin'), { limit: 20 }],
    [principal('carer'), { patient: PERSON, limit: 20 }],
    [principal('system'), { limit: 20 }],
  ])('refuses %j searching %j', (who, search) => {
    expect(() => assertMaySearch(who, search)).toThrow(ForbiddenError);
  });
});
