import { ValidationError } from '@ilinks/shared/kernel';
import { nextPageQuery, safeguardingAlertsParamsOf } from './safeguarding-alerts.params';

const PERSON = '11111111-2222-4333-8444-555555555555';

describe('safeguardingAlertsParamsOf', () => {
  it('defaults to 50 alerts, any status, any person', () => {
    expect(safeguardingAlertsParamsOf({})).toEqual({ count: 50 });
  });

  it('reads every parameter', () => {
    expect(
      safeguardingAlertsParamsOf({
        personId: PERSON.toUpperCase(),
        status: 'open',
        _count: '10',
        _cursor: 'abc=',
      }),
    ).toEqual({ personId: PERSON, status: 'open', count: 10, cursor: 'abc=' });
  });

  it.each([
    [{ personId: 'nhs-123' }, 'personId'],
    [{ status: 'closed' }, 'status'],
    [{ _count: '0' }, '_count'],
    [{ _count: '201' }, '_count'],
    [{ _count: '1.5' }, '_count'],
    [{ _cursor: 'a b' }, '_cursor'],
    [{ status: ['open', 'acknowledged'] }, 'status'],
    [{ organisation: 'RBS' }, 'organisation'],
  ])('refuses %j naming %s', (query, path) => {
    try {
      safeguardingAlertsParamsOf(query);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([path]);
    }
  });
});

describe('nextPageQuery', () => {
  it('keeps the filters and page size and adds the cursor', () => {
    expect(nextPageQuery({ personId: PERSON, status: 'open', count: 5 }, 'c/1')).toBe(
      `personId=${PERSON}&status=open&_count=5&_cursor=c%2F1`,
    );
  });
});
