import { ValidationError } from '@ilinks/shared/kernel';
import { CloudEvent, Kafka, type KafkaMessage } from 'cloudevents';
import {
  CloudEventHeaders,
  fromBusMessage,
  type IntegrationEvent,
  toBusMessage,
  traceparentOf,
} from './cloud-events';
import { PoisonMessageError } from './messaging.port';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const event: IntegrationEvent<{ personId: string; localRecordKey: string }> = {
  id: 'evt-0001',
  source: '/ilinks/identity-matching',
  type: 'ilinks.identity.local-record-linked.v1',
  subject: 'person-42',
  time: '2026-01-02T03:04:05.678Z',
  datacontenttype: 'application/json',
  dataschema: 'https://ilinks.example/schemas/local-record-linked.v1.json',
  data: { personId: 'person-42', localRecordKey: 'org-1:rec-9' },
};

describe('CloudEvents binary mode mapping', () => {
  it('puts attributes in ce_* headers and the JSON data in the value', () => {
    const message = toBusMessage('ilinks.identity.v1', 'person-42', event, traceparent);
    expect(message).toMatchObject({ topic: 'ilinks.identity.v1', key: 'person-42' });
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: 'evt-0001',
      ce_source: '/ilinks/identity-matching',
      ce_type: 'ilinks.identity.local-record-linked.v1',
      ce_subject: 'person-42',
      ce_time: '2026-01-02T03:04:05.678Z',
      ce_dataschema: 'https://ilinks.example/schemas/local-record-linked.v1.json',
      'content-type': 'application/json',
      traceparent,
    });
    expect(JSON.parse(message.value.toString())).toEqual(event.data);
  });

  it('round-trips an event', () => {
    const message = toBusMessage('t', 'person-42', event, traceparent);
    expect(fromBusMessage(message)).toEqual(event);
    expect(traceparentOf(message)).toBe(traceparent);
  });

  it('omits optional attributes that are absent', () => {
    const { subject: _subject, dataschema: _dataschema, ...minimal } = event;
    const message = toBusMessage('t', 'k', minimal);
    expect(Object.keys(message.headers).sort()).toEqual([
      'ce_id',
      'ce_source',
      'ce_specversion',
      'ce_time',
      'ce_type',
      'content-type',
    ]);
    expect(fromBusMessage(message)).toEqual(minimal);
    expect(traceparentOf(message)).toBeUndefined();
  });

  it('is read by the reference SDK (cloudevents Kafka binding) as the same, valid event', () => {
    const message = toBusMessage('t', 'person-42', event, traceparent);
    const kafkaMessage: KafkaMessage<Buffer> = {
      key: message.key,
      value: message.value,
      body: message.value,
      headers: { ...message.headers },
    };
    const parsed = Kafka.toEvent(kafkaMessage) as CloudEvent<unknown>;
    expect(parsed.validate()).toBe(true);
    expect(parsed).toMatchObject({
      specversion: '1.0',
      id: event.id,
      source: event.source,
      type: event.type,
      subject: event.subject,
      time: event.time,
      dataschema: event.dataschema,
      datacontenttype: 'application/json',
      data: event.data,
    });
  });

  it('reads what the reference SDK writes in binary mode', () => {
    const reference = new CloudEvent({
      id: 'evt-sdk',
      source: '/partner/x',
      type: 'ilinks.consent.objection-recorded.v1',
      subject: 'person-7',
      time: '2026-03-04T05:06:07.000Z',
      datacontenttype: 'application/json',
      data: { objection: true },
    });
    const written = Kafka.binary(reference);
    const headers = Object.fromEntries(
      Object.entries(written.headers).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
    const decoded = fromBusMessage({ headers, value: Buffer.from(JSON.stringify(written.value)) });
    expect(decoded).toEqual({
      id: 'evt-sdk',
      source: '/partner/x',
      type: 'ilinks.consent.objection-recorded.v1',
      subject: 'person-7',
      time: '2026-03-04T05:06:07.000Z',
      datacontenttype: 'application/json',
      data: { objection: true },
    });
  });

  it.each([
    ['ce_id', 'ce_id is missing'],
    ['ce_source', 'ce_source is missing'],
    ['ce_type', 'ce_type is missing'],
    ['ce_time', 'ce_time is missing'],
    ['ce_specversion', 'ce_specversion must be 1.0'],
    ['content-type', 'content-type must be application/json'],
  ])('treats a message without %s as poison', (header, problem) => {
    const { [header]: _removed, ...headers } = toBusMessage('t', 'k', event).headers;
    expect(() => fromBusMessage({ headers, value: Buffer.from('{}') })).toThrow(
      new PoisonMessageError(`not a JSON CloudEvent: ${problem}`),
    );
  });

  it('treats a non-JSON body as poison without quoting it', () => {
    const { headers } = toBusMessage('t', 'k', event);
    let thrown: unknown;
    try {
      fromBusMessage({ headers, value: Buffer.from('SECRET not json') });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PoisonMessageError);
    expect((thrown as Error).message).not.toContain('SECRET');
  });

  it('treats a bad time or spec version as poison, and accepts a JSON content type with parameters', () => {
    const { headers } = toBusMessage('t', 'k', event);
    const value = Buffer.from('{}');
    expect(() => fromBusMessage({ value, headers: { ...headers, ce_time: 'yesterday' } })).toThrow(
      PoisonMessageError,
    );
    expect(() => fromBusMessage({ value, headers: { ...headers, ce_specversion: '0.3' } })).toThrow(
      PoisonMessageError,
    );
    expect(
      fromBusMessage({
        value,
        headers: { ...headers, [CloudEventHeaders.contentType]: 'application/json; charset=utf-8' },
      }).data,
    ).toEqual({});
  });

  it('refuses to encode an event that breaks the spec, naming the attributes only', () => {
    const broken = { ...event, id: '', time: 'not a time', data: undefined };
    let thrown: unknown;
    try {
      toBusMessage('t', 'k', broken, 'not-a-traceparent');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues.map((issue) => issue.path)).toEqual([
      'id',
      'time',
      'data',
      'traceparent',
    ]);
    expect(JSON.stringify((thrown as ValidationError).issues)).not.toContain('not a time');
  });
});
