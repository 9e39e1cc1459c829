// A small in-process stand-in for EventStoreDB's gRPC Streams service (Read and Append only),
// so that the adapter's plumbing — the real @eventstore/db-client, its streams, cancellation,
// error conversion — runs in unit tests on a machine without EventStoreDB. It mimics the server
// as far as the adapter relies on it (per-event commit positions, $ system streams, filters,
// subscription confirmation and caught-up messages); it proves nothing about EventStoreDB itself:
// eventstoredb.event-store.int-spec.ts does, against a real server.
import {
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServerReadableStream,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { type AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';

interface StoredRecord {
  readonly id: string;
  readonly stream: string;
  readonly revision: bigint;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  readonly createdMs: number;
  readonly position: bigint;
}

interface LiveSubscriber {
  readonly matches: (record: StoredRecord) => boolean;
  readonly call: ServerWritableStream<ReadReq, ReadResp>;
}

type Expected =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'revision'; revision: bigint };

export class EventStoreDbEmulator {
  private readonly log: StoredRecord[] = [];
  private readonly live = new Set<LiveSubscriber>();
  private nextPosition = 1_000n;
  private server: Server | undefined;
  private port = 0;

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  async start(): Promise<void> {
    const server = new Server();
    server.addService(StreamsService, {
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
      append: (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>) =>
        this.append(call, callback),
      delete: unimplemented,
      tombstone: unimplemented,
      batchAppend: unimplemented,
    });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.server = server;
    // A real server's $all starts with system events; the adapter must look past them.
    this.write('$settings', [systemEvent('$settings')]);
    this.write('$scavenges', [systemEvent('$scavengeStarted')]);
  }

  async stop(): Promise<void> {
    for (const subscriber of this.live) subscriber.call.end();
    this.live.clear();
    await new Promise<void>((resolve) =>
      this.server ? this.server.tryShutdown(() => resolve()) : resolve(),
    );
  }

  private append(
    call: ServerReadableStream<AppendReq, AppendResp>,
    callback: sendUnaryData<AppendResp>,
  ): void {
    let stream = '';
    let expected: Expected = { kind: 'any' };
    const proposed: Omit<StoredRecord, 'stream' | 'revision' | 'position' | 'createdMs'>[] = [];
    call.on('data', (request: AppendReq) => {
      const options = request.getOptions();
      if (options) {
        stream = streamName(options.getStreamIdentifier());
        expected = options.hasRevision()
          ? { kind: 'revision', revision: BigInt(options.getRevision()) }
          : options.hasNoStream()
            ? { kind: 'no_stream' }
            : options.hasStreamExists()
              ? { kind: 'stream_exists' }
              : { kind: 'any' };
      }
      const message = request.getProposedMessage();
      if (message) {
        const metadata = message.getMetadataMap();
        proposed.push({
          id: message.getId()?.getString() ?? '',
          type: metadata.get('type') ?? '',
          contentType: metadata.get('content-type') ?? 'application/octet-stream',
          data: message.getData_asU8(),
          metadata: message.getCustomMetadata_asU8(),
        });
      }
    });
    call.on('end', () => callback(null, this.appendResult(stream, expected, proposed)));
  }

  private appendResult(
    stream: string,
    expected: Expected,
    proposed: Omit<StoredRecord, 'stream' | 'revision' | 'position' | 'createdMs'>[],
  ): AppendResp {
    const current = this.streamRecords(stream).at(-1)?.revision;
    const accepted =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === undefined) ||
      (expected.kind === 'stream_exists' && current !== undefined) ||
      (expected.kind === 'revision' && current === expected.revision);
    const response = new AppendResp();
    if (!accepted) {
      const wrong = new AppendResp.WrongExpectedVersion();
      if (current === undefined) wrong.setCurrentNoStream(new Empty());
      else wrong.setCurrentRevision(current.toString());
      if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
      else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
      else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
      else wrong.setExpectedAny(new Empty());
      response.setWrongExpectedVersion(wrong);
      return response;
    }
    const last = this.write(stream, proposed);
    const success = new AppendResp.Success();
    success.setCurrentRevision(last.revision.toString());
    const position = new AppendResp.Position();
    position.setCommitPosition(last.position.toString());
    position.setPreparePosition(last.position.toString());
    success.setPosition(position);
    response.setSuccess(success);
    return response;
  }

  private write(
    stream: string,
    proposed: Omit<StoredRecord, 'stream' | 'revision' | 'position' | 'createdMs'>[],
  ): StoredRecord {
    let revision = this.streamRecords(stream).at(-1)?.revision ?? -1n;
    const written = proposed.map((event) => {
      revision += 1n;
      // Positions are byte offsets in the log: increasing, with gaps.
      this.nextPosition += 100n + BigInt(event.data.length);
      return { ...event, stream, revision, position: this.nextPosition, createdMs: Date.now() };
    });
    this.log.push(...written);
    for (const subscriber of this.live) {
      for (const record of written)
        if (subscriber.matches(record)) subscriber.call.write(eventResponse(record));
    }
    return written[written.length - 1];
  }

  private streamRecords(stream: string): StoredRecord[] {
    return this.log.filter((record) => record.stream === stream);
  }

  private read(call: ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions();
    if (!options) {
      call.end();
      return;
    }
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    if (options.hasStream())
      return this.readStream(call, options.getStream() as ReadReq.Options.StreamOptions, backwards, count);
    const all = options.getAll() as ReadReq.Options.AllOptions;
    if (options.hasSubscription()) return this.subscribe(call, all, filterOf(options));
    let records = backwards ? [...this.log].reverse() : this.log;
    if (all.hasPosition()) {
      const from = BigInt(all.getPosition()?.getCommitPosition() ?? '0');
      records = records.filter((record) => (backwards ? record.position < from : record.position >= from));
    } else if (all.hasEnd() && !backwards) records = [];
    for (const record of records.slice(0, count)) call.write(eventResponse(record));
    call.end();
  }

  private readStream(
    call: ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options.StreamOptions,
    backwards: boolean,
    count: number,
  ): void {
    const stream = streamName(options.getStreamIdentifier());
    const records = this.streamRecords(stream);
    if (records.length === 0) {
      const notFound = new ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(streamIdentifier(stream));
      const response = new ReadResp();
      response.setStreamNotFound(notFound);
      call.write(response);
      call.end();
      return;
    }
    const from = options.hasRevision() ? BigInt(options.getRevision()) : undefined;
    const ordered = backwards ? [...records].reverse() : records;
    const selected =
      from === undefined
        ? ordered
        : ordered.filter((record) => (backwards ? record.revision <= from : record.revision >= from));
    for (const record of selected.slice(0, count)) call.write(eventResponse(record));
    call.end();
  }

  private subscribe(
    call: ServerWritableStream<ReadReq, ReadResp>,
    all: ReadReq.Options.AllOptions,
    matches: (record: StoredRecord) => boolean,
  ): void {
    const after = all.hasPosition()
      ? BigInt(all.getPosition()?.getCommitPosition() ?? '0')
      : all.hasEnd()
        ? this.nextPosition
        : -1n;
    const confirmation = new ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(`emulated-${this.live.size}`);
    const confirmed = new ReadResp();
    confirmed.setConfirmation(confirmation);
    call.write(confirmed);
    for (const record of this.log)
      if (record.position > after && matches(record)) call.write(eventResponse(record));
    const caughtUp = new ReadResp();
    caughtUp.setCaughtUp(new ReadResp.CaughtUp());
    call.write(caughtUp);
    const subscriber: LiveSubscriber = { matches, call };
    this.live.add(subscriber);
    call.on('cancelled', () => this.live.delete(subscriber));
  }
}

function unimplemented(_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>): void {
  callback({ code: 12, details: 'Not emulated' }, null);
}

function systemEvent(type: string): Omit<StoredRecord, 'stream' | 'revision' | 'position' | 'createdMs'> {
  return {
    id: crypto.randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from('{}'),
    metadata: new Uint8Array(),
  };
}

function filterOf(options: ReadReq.Options): (record: StoredRecord) => boolean {
  const filter = options.getFilter();
  if (!options.hasFilter() || !filter) return () => true;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  const prefixes = expression?.getPrefixList() ?? [];
  const regex = expression?.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (record) => {
    const value = onStream ? record.stream : record.type;
    return prefixes.length > 0
      ? prefixes.some((prefix) => value.startsWith(prefix))
      : regex
        ? regex.test(value)
        : true;
  };
}

function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

function streamIdentifier(name: string): StreamIdentifier {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(name, 'utf8'));
  return identifier;
}

function eventResponse(record: StoredRecord): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(record.id);
  recorded.setId(id);
  recorded.setStreamIdentifier(streamIdentifier(record.stream));
  recorded.setStreamRevision(record.revision.toString());
  recorded.setPreparePosition(record.position.toString());
  recorded.setCommitPosition(record.position.toString());
  recorded
    .getMetadataMap()
    .set('type', record.type)
    .set('content-type', record.contentType)
    .set('created', (BigInt(record.createdMs) * 10_000n).toString());
  recorded.setCustomMetadata(record.metadata);
  recorded.setData(record.data);
  const event = new ReadResp.ReadEvent();
  event.setEvent(recorded);
  event.setCommitPosition(record.position.toString());
  const response = new ReadResp();
  response.setEvent(event);
  return response;
}
