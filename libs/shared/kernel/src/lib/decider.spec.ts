import { assertNever, fold, type Decider, type DomainEvent } from './decider';
import { deterministicUuid, eventIdFor } from './deterministic-id';

type CounterEvent = DomainEvent<'Incremented', { by: number }> | DomainEvent<'Reset', Record<string, never>>;
const counter: Decider<never, CounterEvent, number> = {
  decide: () => [],
  evolve: (state, event) => {
    switch (event.type) {
      case 'Incremented':
        return state + event.data.by;
      case 'Reset':
        return 0;
      default:
        return assertNever(event);
    }
  },
  initialState: () => 0,
};

describe('fold', () => {
  it('applies events in order from the initial state', () => {
    expect(
      fold(counter, [
        { type: 'Incremented', data: { by: 2 } },
        { type: 'Reset', data: {} },
        { type: 'Incremented', data: { by: 3 } },
      ]),
    ).toBe(3);
  });

  it('returns the initial state for no events', () => {
    expect(fold(counter, [])).toBe(0);
  });
});

describe('deterministic ids', () => {
  it('are stable for the same inputs and look like version-5 UUIDs', () => {
    const id = deterministicUuid('ns', 'name');
    expect(id).toBe(deterministicUuid('ns', 'name'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differ by stream, key and index', () => {
    const ids = new Set([
      eventIdFor('a-1', 'k', 0),
      eventIdFor('a-1', 'k', 1),
      eventIdFor('a-2', 'k', 0),
      eventIdFor('a-1', 'k2', 0),
    ]);
    expect(ids.size).toBe(4);
  });
});
