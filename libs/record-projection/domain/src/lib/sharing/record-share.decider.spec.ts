import { ForbiddenError, NotFoundError, ValidationError } from '@ilinks/shared/kernel';
import { DeciderSpecification } from '@ilinks/shared/testing';
import {
  type MarkShareRead,
  type RecordItemsShared,
  type RecordShareRead,
  type ShareRecordItems,
  type SharedItem,
  recordShareDecider,
} from './record-share.decider';
import { shareIdFor, shareStream } from './sharing.stream';

const now = new Date('2026-11-26T10:00:00Z');
const later = new Date('2026-11-27T09:00:00Z');
const shareId = shareIdFor('RBS', 'share-key-1');
const personId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const sharedBy = { subject: 'dr-jones', role: 'practitioner' };
const readBy = { subject: 'nurse-ali', role: 'practitioner' };
const entryA = '0c9f6a4e-1b2c-5d3e-8f40-123456789abc';
const entryB = '1d0a7b5f-2c3d-5e4f-9a51-23456789abcd';

function item(entryId: string, overrides: Partial<SharedItem> = {}): SharedItem {
  return {
    entryId,
    revision: 1,
    resourceType: 'Condition',
    organisation: 'RBS',
    resource: { resourceType: 'Condition', id: entryId },
    annotations: [],
    ...overrides,
  };
}

function share(overrides: Partial<ShareRecordItems['data']> = {}): ShareRecordItems {
  return {
    type: 'ShareRecordItems',
    data: {
      shareId,
      personId,
      organisation: 'RBS',
      sharedBy,
      recipient: { organisation: 'Y12345', team: 'district-nursing' },
      note: 'For the leg ulcer follow-up.',
      items: [item(entryA), item(entryB)],
      ...overrides,
    },
    metadata: { idempotencyKey: 'share-key-1', now },
  };
}

function markRead(organisation = 'Y12345'): MarkShareRead {
  return {
    type: 'MarkShareRead',
    data: { shareId, organisation, readBy },
    metadata: { idempotencyKey: 'read-key-1', now: later },
  };
}

const shared: RecordItemsShared = {
  type: 'RecordItemsShared',
  data: {
    shareId,
    personId,
    organisation: 'RBS',
    sharedBy,
    recipient: { organisation: 'Y12345', team: 'district-nursing' },
    note: 'For the leg ulcer follow-up.',
    items: [item(entryA), item(entryB)],
    sharedAt: now.toISOString(),
  },
};

const read: RecordShareRead = {
  type: 'RecordShareRead',
  data: { shareId, organisation: 'Y12345', readBy, readAt: later.toISOString() },
};

const spec = DeciderSpecification.for(recordShareDecider);

describe('share ids and streams', () => {
  it('are the same for the same organisation and key, and differ otherwise', () => {
    expect(shareIdFor('RBS', 'share-key-1')).toBe(shareId);
    expect(shareIdFor('Y12345', 'share-key-1')).not.toBe(shareId);
    expect(shareIdFor('RBS', 'share-key-2')).not.toBe(shareId);
  });

  it('name a stream under the record prefix', () => {
    expect(shareStream(shareId)).toBe(`record.share-${shareId}`);
  });
});

describe('ShareRecordItems', () => {
  it('records the share', () => {
    spec.when(share()).then([shared]);
  });

  it('trims the note', () => {
    spec.when(share({ note: '  For the leg ulcer follow-up. ' })).then([shared]);
  });

  it('stays quiet when the same request is retried', () => {
    spec.given([shared]).when(share()).thenNothing();
  });

  it('refuses an empty or too long note', () => {
    spec.when(share({ note: ' ' })).thenThrows(ValidationError, 'the share is not valid');
    spec.when(share({ note: 'n'.repeat(2001) })).thenThrows(ValidationError);
  });

  it('refuses no items, and more than 100', () => {
    spec.when(share({ items: [] })).thenThrows(ValidationError);
    const many = Array.from({ length: 101 }, (_, index) =>
      item(`00000000-0000-4000-8000-${index.toString().padStart(12, '0')}`),
    );
    spec.when(share({ items: many })).thenThrows(ValidationError);
  });

  it('accepts 100 items', () => {
    const hundred = Array.from({ length: 100 }, (_, index) =>
      item(`00000000-0000-4000-8000-${index.toString().padStart(12, '0')}`),
    );
    spec.when(share({ items: hundred })).then([{ ...shared, data: { ...shared.data, items: hundred } }]);
  });

  it('refuses an entry twice', () => {
    spec.when(share({ items: [item(entryA), item(entryA)] })).thenThrows(ValidationError);
  });

  it("refuses an item carrying another entry's annotation", () => {
    const annotation = {
      annotationId: 'a1',
      entryId: entryB,
      organisation: 'RBS',
      author: sharedBy,
      text: 'note',
      annotatedAt: now.toISOString(),
    };
    spec.when(share({ items: [item(entryA, { annotations: [annotation] })] })).thenThrows(ValidationError);
  });

  it('refuses a recipient organisation that is not an ODS code', () => {
    spec.when(share({ recipient: { organisation: 'not ods' } })).thenThrows(ValidationError);
  });

  it("refuses a share to the whole of the sender's own organisation", () => {
    spec.when(share({ recipient: { organisation: 'RBS' } })).thenThrows(ValidationError);
  });

  it('allows a share to a team or a colleague of the own organisation', () => {
    const toTeam = { organisation: 'RBS', team: 'respiratory' };
    spec
      .when(share({ recipient: toTeam }))
      .then([{ ...shared, data: { ...shared.data, recipient: toTeam } }]);
    const toColleague = { organisation: 'RBS', practitioner: 'dr-smith' };
    spec
      .when(share({ recipient: toColleague }))
      .then([{ ...shared, data: { ...shared.data, recipient: toColleague } }]);
  });

  it('refuses a share to oneself', () => {
    spec
      .when(share({ recipient: { organisation: 'RBS', practitioner: 'dr-jones' } }))
      .thenThrows(ValidationError);
  });

  it('allows a share to a whole other organisation', () => {
    const recipient = { organisation: 'Y12345' };
    spec.when(share({ recipient })).then([{ ...shared, data: { ...shared.data, recipient } }]);
  });
});

describe('MarkShareRead', () => {
  it('records the read by the recipient organisation', () => {
    spec.given([shared]).when(markRead()).then([read]);
  });

  it('stays quiet when read again', () => {
    spec.given([shared, read]).when(markRead()).thenNothing();
  });

  it('refuses another organisation, even the sender', () => {
    spec.given([shared]).when(markRead('RBS')).thenThrows(ForbiddenError);
  });

  it('refuses an unknown share', () => {
    spec.when(markRead()).thenThrows(NotFoundError, 'no such share');
  });
});
