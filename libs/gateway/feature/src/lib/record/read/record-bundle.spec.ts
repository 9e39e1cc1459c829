import { searchsetBundle } from './record-bundle';
import { CURSOR_PARAMETER } from '../../audit/audit-event-search';
import { cursorAt } from './record-search.params';

const BASE = 'https://exchange.example/fhir';
const page = {
  baseUrl: BASE,
  path: 'Condition',
  applied: [
    ['patient', 'p-1'],
    ['_count', '2'],
  ] as const,
  offset: 0,
  total: 3,
  resources: [
    { resourceType: 'Condition', id: 'e-1' },
    { resourceType: 'Condition', id: 'e-2' },
  ],
};

describe('searchsetBundle', () => {
  it('is a searchset with the total it is given', () => {
    expect(searchsetBundle(page)).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 3 });
  });

  it('gives each resource its full URL and the match mode', () => {
    expect(searchsetBundle(page).entry?.[0]).toEqual({
      fullUrl: `${BASE}/Condition/e-1`,
      resource: { resourceType: 'Condition', id: 'e-1' },
      search: { mode: 'match' },
    });
  });

  it('links itself with the applied parameters', () => {
    expect(searchsetBundle(page).link[0]).toEqual({
      relation: 'self',
      url: `${BASE}/Condition?patient=p-1&_count=2`,
    });
  });

  it('links the next page with an opaque cursor', () => {
    const next = searchsetBundle({ ...page, nextOffset: 2 }).link[1];
    expect(next).toEqual({
      relation: 'next',
      url: `${BASE}/Condition?patient=p-1&_count=2&${CURSOR_PARAMETER}=${cursorAt(2)}`,
    });
  });

  it('carries the cursor in the self link of a later page', () => {
    expect(searchsetBundle({ ...page, offset: 2 }).link[0]?.url).toContain(
      `${CURSOR_PARAMETER}=${cursorAt(2)}`,
    );
  });

  it('has no next link on the last page and no entry when empty', () => {
    const empty = searchsetBundle({ ...page, total: 0, resources: [] });
    expect(empty.link).toHaveLength(1);
    expect(empty).not.toHaveProperty('entry');
  });
});
