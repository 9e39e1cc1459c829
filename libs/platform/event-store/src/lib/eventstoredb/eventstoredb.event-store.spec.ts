import { UnavailableError } from '@eventstore/db-client';
import { EventStoreDbEventStore } from './eventstoredb.event-store';

// No EventStoreDB is needed: nothing listens on port 1, so every call must fail fast and
// visibly (the contract suite runs against a real server in eventstoredb.event-store.int-spec.ts).
describe('EventStoreDbEventStore without a reachable server', () => {
  const store = EventStoreDbEventStore.fromConnectionString('esdb://127.0.0.1:1?tls=false');

  afterAll(() => store.close());

  it('rejects reads and appends with the client error', async () => {
    await expect(store.readStream('patient-1')).rejects.toBeInstanceOf(UnavailableError);
    await expect(
      store.appendToStream(
        'patient-1',
        [{ id: '2b8e1f4e-0c2a-4b8e-9f4e-0c2a4b8e9f4e', type: 'A', data: {} }],
        {
          expectedRevision: 'any',
        },
      ),
    ).rejects.toBeInstanceOf(UnavailableError);
  });

  it('ends a subscription with done rejecting, and stop still resolves', async () => {
    const subscription = store.subscribeToAll(
      { from: { after: 42n }, streamPrefixes: ['patient-'] },
      async () => undefined,
    );

    await expect(subscription.done).rejects.toBeInstanceOf(UnavailableError);
    await expect(subscription.caughtUp).rejects.toBeInstanceOf(UnavailableError);
    await expect(subscription.stop()).resolves.toBeUndefined();
  });
});
