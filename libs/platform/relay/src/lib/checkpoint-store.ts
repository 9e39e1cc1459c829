import type { CollectionSpec, ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';

/** Where a subscriber remembers how far it got. Saves only ever move forwards. */
export interface CheckpointStore {
  load(name: string): Promise<bigint | undefined>;
  save(name: string, position: bigint): Promise<void>;
}

type CheckpointDocument = { position: string };

export const checkpointCollection: CollectionSpec = { name: 'subscription_checkpoints_v1', indexes: [] };

/**
 * Checkpoints kept in the service's own read-model store (SQLite embedded, MongoDB distributed),
 * version-guarded by the position itself so an older save never overwrites a newer one.
 */
export class ReadModelCheckpointStore implements CheckpointStore {
  private constructor(private readonly collection: ReadModelCollection<CheckpointDocument>) {}

  static async open(store: ReadModelStore): Promise<ReadModelCheckpointStore> {
    return new ReadModelCheckpointStore(await store.collection<CheckpointDocument>(checkpointCollection));
  }

  async load(name: string): Promise<bigint | undefined> {
    const document = await this.collection.get(name);
    return document ? BigInt(document.body.position) : undefined;
  }

  async save(name: string, position: bigint): Promise<void> {
    // Positions are byte offsets (EventStoreDB) or row ids (SQLite): far below 2^53 in practice.
    await this.collection.upsert(
      name,
      { position: position.toString() },
      { source: 'position', version: Number(position) },
    );
  }

  /**
   * Removes a checkpoint outright, so the next `save` may start again from any position (a
   * rebuild replaying from the start): the one way a checkpoint ever moves backwards.
   */
  async forget(name: string): Promise<void> {
    await this.collection.delete(name);
  }
}
