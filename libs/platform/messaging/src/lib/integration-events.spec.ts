import 'reflect-metadata';
import { ValidationError } from '@ilinks/shared/kernel';
import { Type } from 'class-transformer';
import { IsISO8601, IsString, Matches, ValidateNested } from 'class-validator';
import { toBusMessage } from './cloud-events';
import {
  decodeIntegrationEvent,
  defineIntegrationEvent,
  IntegrationEventSchemaRegistry,
  toValidatedBusMessage,
  validateEventData,
} from './integration-events';
import { PoisonMessageError } from './messaging.port';

class MatchEvidence {
  @IsString()
  rule!: string;
}

class LocalRecordLinkedV1 {
  @Matches(/^person-\d+$/)
  personId!: string;

  @IsString()
  localRecordKey!: string;

  @IsISO8601()
  linkedAt!: string;

  @ValidateNested()
  @Type(() => MatchEvidence)
  evidence!: MatchEvidence;
}

const LocalRecordLinked = defineIntegrationEvent({
  type: 'ilinks.identity.local-record-linked.v1',
  topic: 'ilinks.identity.v1',
  dataClass: LocalRecordLinkedV1,
});

const validData = {
  personId: 'person-42',
  localRecordKey: 'org-1:rec-9',
  linkedAt: '2026-01-02T03:04:05Z',
  evidence: { rule: 'nhs-number' },
};
const envelope = {
  id: 'evt-1',
  source: '/ilinks/identity-matching',
  subject: 'person-42',
  time: '2026-01-02T03:04:05.000Z',
};

describe('integration event schemas', () => {
  it('refuses a type that is not ilinks.<context>.<event>.v<n>', () => {
    expect(() =>
      defineIntegrationEvent({ type: 'LocalRecordLinked', topic: 't', dataClass: LocalRecordLinkedV1 }),
    ).toThrow('ilinks.<context>.<event>.v<n>');
    expect(() =>
      defineIntegrationEvent({ type: 'ilinks.identity.linked', topic: 't', dataClass: LocalRecordLinkedV1 }),
    ).toThrow();
  });

  it('finds no issue in valid data', () => {
    expect(validateEventData(LocalRecordLinked, validData)).toEqual([]);
  });

  it('lists issues by path, including nested and unknown properties, without values', () => {
    const issues = validateEventData(LocalRecordLinked, {
      personId: 'Jane Doe',
      linkedAt: 'soon',
      evidence: { rule: 7 },
      nhsNumber: '9434765919',
    });
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'evidence.rule',
      'linkedAt',
      'localRecordKey',
      'nhsNumber',
      'personId',
    ]);
    expect(issues.find((issue) => issue.path === 'nhsNumber')?.message).toBe(
      'property nhsNumber should not exist',
    );
    const text = JSON.stringify(issues);
    for (const value of ['Jane Doe', 'soon', '9434765919']) expect(text).not.toContain(value);
  });

  it('refuses data that is not a JSON object', () => {
    expect(validateEventData(LocalRecordLinked, [1, 2])).toEqual([
      { path: '', message: 'data must be a JSON object' },
    ]);
    expect(validateEventData(LocalRecordLinked, null)).toHaveLength(1);
  });

  it('validates before encoding for publication', () => {
    const message = toValidatedBusMessage(LocalRecordLinked, 'person-42', { ...envelope, data: validData });
    expect(message.topic).toBe('ilinks.identity.v1');
    expect(message.headers['ce_type']).toBe('ilinks.identity.local-record-linked.v1');
    expect(() =>
      toValidatedBusMessage(LocalRecordLinked, 'person-42', {
        ...envelope,
        data: { ...validData, personId: 'x' },
      }),
    ).toThrow(ValidationError);
  });

  it('decodes a consumed event into the schema class, or rejects it as poison', () => {
    const registry = new IntegrationEventSchemaRegistry([LocalRecordLinked]);
    const good = toValidatedBusMessage(LocalRecordLinked, 'person-42', { ...envelope, data: validData });
    const decoded = decodeIntegrationEvent(good, registry);
    expect(decoded.data).toBeInstanceOf(LocalRecordLinkedV1);
    expect((decoded.data as LocalRecordLinkedV1).evidence).toBeInstanceOf(MatchEvidence);

    const bad = toBusMessage('ilinks.identity.v1', 'person-42', {
      ...envelope,
      type: LocalRecordLinked.type,
      datacontenttype: 'application/json',
      data: { ...validData, personId: 'Jane Doe' },
    });
    expect(() => decodeIntegrationEvent(bad, registry)).toThrow(PoisonMessageError);
    expect(() => decodeIntegrationEvent(bad, registry)).toThrow(
      /^invalid data for ilinks\.identity\.local-record-linked\.v1: personId: /,
    );
    expect(() => decodeIntegrationEvent(bad, registry)).not.toThrow(/Jane/);
  });

  it('passes events of unregistered types through undecorated', () => {
    const message = toBusMessage('t', 'k', {
      ...envelope,
      type: 'ilinks.other.thing-happened.v1',
      datacontenttype: 'application/json',
      data: { any: 1 },
    });
    expect(decodeIntegrationEvent(message, new IntegrationEventSchemaRegistry()).data).toEqual({ any: 1 });
  });

  it('decodes what it published itself into the schema class, and still refuses other bytes', () => {
    const registry = new IntegrationEventSchemaRegistry([LocalRecordLinked]);
    const published = toValidatedBusMessage(LocalRecordLinked, 'person-42', { ...envelope, data: validData });
    const decoded = decodeIntegrationEvent(published, registry);
    expect(decoded.data).toBeInstanceOf(LocalRecordLinkedV1);
    expect((decoded.data as LocalRecordLinkedV1).evidence).toBeInstanceOf(MatchEvidence);
    expect(decoded.data).toEqual(validData);

    const tampered = { ...published, value: Buffer.from(JSON.stringify({ ...validData, personId: 'x' })) };
    expect(() => decodeIntegrationEvent(tampered, registry)).toThrow(PoisonMessageError);
  });

  it('validates again what it published under another class of the same type', () => {
    class Stricter {
      @Matches(/^never$/)
      personId!: string;
    }
    const stricter = defineIntegrationEvent({ ...LocalRecordLinked, dataClass: Stricter });
    const published = toValidatedBusMessage(LocalRecordLinked, 'person-42', { ...envelope, data: validData });
    expect(() => decodeIntegrationEvent(published, new IntegrationEventSchemaRegistry([stricter]))).toThrow(
      PoisonMessageError,
    );
  });

  it('refuses two schemas for one type', () => {
    const twin = defineIntegrationEvent({ ...LocalRecordLinked });
    expect(() => new IntegrationEventSchemaRegistry([LocalRecordLinked, twin])).toThrow('registered twice');
  });
});
