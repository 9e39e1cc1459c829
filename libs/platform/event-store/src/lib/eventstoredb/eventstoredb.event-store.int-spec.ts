import { eventStoreContract } from '../event-store.contract';
import type { EventStore } from '../event-store.port';
import { EventStoreDbEventStore } from './eventstoredb.event-store';

// EventStoreDB is not part of the local infrastructure yet. With a server, run e.g.
//   EVENTSTORE_CONNECTION_STRING='esdb://127.0.0.1:2113?tls=false' \
//     ILINKS_TEST_KIND=integration npx jest libs/platform/event-store
const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];

if (connectionString) {
  eventStoreContract(
    'EventStoreDB',
    async () => {
      let current: EventStore = EventStoreDbEventStore.fromConnectionString(connectionString);
      return {
        store: current,
        reopen: async () => {
          await current.close();
          current = EventStoreDbEventStore.fromConnectionString(connectionString);
          return current;
        },
        dispose: () => current.close(),
      };
    },
    { reopenable: true, startsEmpty: false },
  );
} else {
  describe('EventStore contract: EventStoreDB', () => {
    // The one skip the suite allows: there is no EventStoreDB on this machine.
    it.skip('is skipped: set EVENTSTORE_CONNECTION_STRING (e.g. esdb://127.0.0.1:2113?tls=false) to run it', () =>
      undefined);
  });
}
