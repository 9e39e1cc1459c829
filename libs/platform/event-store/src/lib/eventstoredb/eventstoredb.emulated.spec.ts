import { eventStoreContract } from '../event-store.contract';
import type { EventStore } from '../event-store.port';
import { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb.event-store';
import { EventStoreDbEmulator } from './testing/eventstoredb-emulator';

// The contract through the real client against an in-process emulator of EventStoreDB's gRPC
// Streams service: it exercises the adapter's plumbing (streams, cancellation, error mapping,
// caught-up detection) where no EventStoreDB runs. The real server: eventstoredb.event-store.int-spec.ts.
const emulator = new EventStoreDbEmulator();
beforeAll(() => emulator.start());
afterAll(() => emulator.stop());

function harnessWith(options: EventStoreDbEventStoreOptions) {
  return async () => {
    let current: EventStore = EventStoreDbEventStore.fromConnectionString(emulator.connectionString, options);
    return {
      store: current,
      reopen: async () => {
        await current.close();
        current = EventStoreDbEventStore.fromConnectionString(emulator.connectionString, options);
        return current;
      },
      dispose: () => current.close(),
    };
  };
}

eventStoreContract('EventStoreDB adapter on an emulated server', harnessWith({}), { startsEmpty: false });

// With a start scan too short to find the last matching event, caughtUp must come from the
// server's caught-up message, counted behind the events still buffered.
eventStoreContract(
  'EventStoreDB adapter on an emulated server, caught-up from the server',
  harnessWith({ catchUpScanLimit: 1 }),
  {
    startsEmpty: false,
  },
);
