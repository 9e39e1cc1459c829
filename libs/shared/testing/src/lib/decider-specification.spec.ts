import {
  assertNever,
  IllegalStateError,
  ValidationError,
  type Decider,
  type DomainEvent,
} from '@ilinks/shared/kernel';
import { DeciderSpecification } from './decider-specification';

type Opened = DomainEvent<'AccountOpened', { id: string }>;
type Closed = DomainEvent<'AccountClosed', { id: string }>;
type AccountEvent = Opened | Closed;
type AccountCommand = { type: 'Open'; id: string } | { type: 'Close'; id: string };
type AccountState = { status: 'none' } | { status: 'open' } | { status: 'closed' };

const account: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'AccountOpened':
        return { status: 'open' };
      case 'AccountClosed':
        return { status: 'closed' };
      default:
        return assertNever(event);
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'Open':
        if (command.id === '') throw new ValidationError('An account needs an id');
        return state.status === 'none' ? [{ type: 'AccountOpened', data: { id: command.id } }] : [];
      case 'Close':
        if (state.status === 'none') throw new IllegalStateError('Account 1 is not open');
        return state.status === 'open' ? [{ type: 'AccountClosed', data: { id: command.id } }] : [];
      default:
        return assertNever(command);
    }
  },
};

const opened: Opened = { type: 'AccountOpened', data: { id: 'a1' } };
const spec = DeciderSpecification.for(account);

describe('DeciderSpecification', () => {
  it('passes when the command produces the expected events', () => {
    spec.when({ type: 'Open', id: 'a1' }).then([opened]);
    spec
      .given([opened])
      .when({ type: 'Close', id: 'a1' })
      .then([{ type: 'AccountClosed', data: { id: 'a1' } }]);
  });

  it('fails when the events differ', () => {
    expect(() =>
      spec.when({ type: 'Open', id: 'a1' }).then([{ type: 'AccountOpened', data: { id: 'other' } }]),
    ).toThrow();
    expect(() => spec.when({ type: 'Open', id: 'a1' }).thenNothing()).toThrow();
  });

  it('thenNothing passes for a repeated command', () => {
    spec.given([opened]).when({ type: 'Open', id: 'a1' }).thenNothing();
  });

  it('thenThrows checks the error class and message', () => {
    spec.when({ type: 'Close', id: 'a1' }).thenThrows(IllegalStateError, /not open/);
    spec.when({ type: 'Open', id: '' }).thenThrows(ValidationError);
  });

  it('thenThrows fails for another class, another message, or no error', () => {
    expect(() => spec.when({ type: 'Close', id: 'a1' }).thenThrows(ValidationError)).toThrow();
    expect(() =>
      spec.when({ type: 'Close', id: 'a1' }).thenThrows(IllegalStateError, 'closed already'),
    ).toThrow();
    expect(() => spec.when({ type: 'Open', id: 'a1' }).thenThrows(IllegalStateError)).toThrow(
      'Expected the command to be refused with IllegalStateError, but it was accepted',
    );
  });
});
