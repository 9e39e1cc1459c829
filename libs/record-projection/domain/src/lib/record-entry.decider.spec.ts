import { ForbiddenError, IllegalStateError, NotFoundError } from '@ilinks/shared/kernel';
import { DeciderSpecification } from '@ilinks/shared/testing';
import {
  type EnterEntryInError,
  entryContentHash,
  type EntryVersion,
  type RecordEntry,
  recordEntryDecider,
  type RecordEntryEnteredInError,
  type RecordEntryRecorded,
  SubjectChangedError,
} from './record-entry.decider';
import { entryIdFor, entryStream } from './record-entry.stream';

const now = new Date('2026-11-26T10:00:00Z');
const later = new Date('2026-11-27T09:00:00Z');
const key = { organisation: 'RBS', resourceType: 'Condition', partnerId: 'cond-1' };
const entryId = entryIdFor(key);
const recordedBy = { subject: 'system-1', role: 'system' };
const subject = { system: 'https://fhir.alderhey.example/Id/mrn', value: 'AH-12345' };
const resource = { resourceType: 'Condition', id: 'cond-1', code: { text: 'Asthma' } };

function record(overrides: Partial<RecordEntry['data']> = {}, at = now): RecordEntry {
  return {
    type: 'RecordEntry',
    data: {
      entryId,
      ...key,
      recordedBy,
      subject,
      part: 'problems',
      effectiveAt: '2020-01-01',
      codes: [{ system: 'http://snomed.info/sct', code: '195967001' }],
      unknownCodeSystems: false,
      resource,
      ...overrides,
    },
    metadata: { idempotencyKey: `k-${at.toISOString()}`, now: at },
  };
}

function enterInError(organisation = 'RBS'): EnterEntryInError {
  return {
    type: 'EnterEntryInError',
    data: { entryId, organisation, recordedBy },
    metadata: { idempotencyKey: 'eie', now: later },
  };
}

const firstVersion: EntryVersion = {
  entryId,
  revision: 1,
  ...key,
  recordedBy,
  subject,
  part: 'problems',
  effectiveAt: '2020-01-01',
  codes: [{ system: 'http://snomed.info/sct', code: '195967001' }],
  unknownCodeSystems: false,
  resource,
  recordedAt: now.toISOString(),
  changedAt: now.toISOString(),
};
const recorded: RecordEntryRecorded = { type: 'RecordEntryRecorded', data: firstVersion };
const enteredInError: RecordEntryEnteredInError = {
  type: 'RecordEntryEnteredInError',
  data: {
    entryId,
    revision: 2,
    organisation: 'RBS',
    recordedBy,
    resourceType: 'Condition',
    part: 'problems',
    effectiveAt: '2020-01-01',
    patientContributed: false,
    changedAt: later.toISOString(),
  },
};

const spec = DeciderSpecification.for(recordEntryDecider);

describe('entry ids', () => {
  it('are the same for the same partner key', () => {
    expect(entryIdFor({ ...key })).toBe(entryId);
  });

  it('differ by organisation, type and partner id', () => {
    expect(entryIdFor({ ...key, organisation: 'A81001' })).not.toBe(entryId);
    expect(entryIdFor({ ...key, resourceType: 'Observation' })).not.toBe(entryId);
    expect(entryIdFor({ ...key, partnerId: 'cond-2' })).not.toBe(entryId);
  });

  it('name a record stream without the partner id', () => {
    expect(entryStream(entryId)).toBe(`record.entry-${entryId}`);
  });
});

describe('RecordEntry', () => {
  it('records the first version as revision 1, recorded now when the sender gave no time', () => {
    spec.when(record()).then([recorded]);
  });

  it("keeps the sender's recordedAt", () => {
    spec
      .when(record({ recordedAt: '2026-11-01T08:00:00Z' }))
      .then([{ type: 'RecordEntryRecorded', data: { ...firstVersion, recordedAt: '2026-11-01T08:00:00Z' } }]);
  });

  it('carries the local record known at the time', () => {
    const localRecordId = '1b4e28ba-2fa1-51d2-883f-0016d3cca427';
    spec
      .when(record({ localRecordId }))
      .then([{ type: 'RecordEntryRecorded', data: { ...firstVersion, localRecordId } }]);
  });

  it('stays quiet when the same content is sent again', () => {
    spec.given([recorded]).when(record({}, later)).thenNothing();
  });

  it('stays quiet for the same content in another key order, from another sender', () => {
    spec
      .given([recorded])
      .when(
        record(
          {
            resource: { code: { text: 'Asthma' }, id: 'cond-1', resourceType: 'Condition' },
            recordedBy: { subject: 'user-9', role: 'practitioner' },
            notForPatientView: false,
          },
          later,
        ),
      )
      .thenNothing();
  });

  it('records changed content as the next revision', () => {
    const changed = { ...resource, code: { text: 'Severe asthma' } };
    spec
      .given([recorded])
      .when(record({ resource: changed }, later))
      .then([
        {
          type: 'RecordEntryRevised',
          data: {
            ...firstVersion,
            revision: 2,
            resource: changed,
            recordedAt: later.toISOString(),
            changedAt: later.toISOString(),
          },
        },
      ]);
  });

  it('treats a changed indexed field as a change', () => {
    spec
      .given([recorded])
      .when(record({ part: 'medications' }, later))
      .then([expect.objectContaining({ type: 'RecordEntryRevised' })]);
  });

  it('refuses a revision from another organisation', () => {
    spec
      .given([recorded])
      .when(record({ organisation: 'A81001' }))
      .thenThrows(ForbiddenError);
  });

  it('refuses a revision that moves the entry to another patient', () => {
    spec
      .given([recorded])
      .when(record({ subject: { ...subject, value: 'AH-99999' } }))
      .thenThrows(SubjectChangedError, /subject/);
  });

  it('refuses to revise an entry entered in error', () => {
    spec.given([recorded, enteredInError]).when(record({}, later)).thenThrows(IllegalStateError);
  });
});

describe('EnterEntryInError', () => {
  it('marks the entry entered-in-error as the next revision', () => {
    spec.given([recorded]).when(enterInError()).then([enteredInError]);
  });

  it('changes nothing the second time', () => {
    spec.given([recorded, enteredInError]).when(enterInError()).thenNothing();
  });

  it('refuses another organisation', () => {
    spec.given([recorded]).when(enterInError('A81001')).thenThrows(ForbiddenError);
  });

  it('refuses an entry that does not exist', () => {
    spec.when(enterInError()).thenThrows(NotFoundError);
  });
});

describe('entryContentHash', () => {
  it('counts an absent flag as false', () => {
    expect(entryContentHash({ ...firstVersion, patientContributed: false })).toBe(
      entryContentHash(firstVersion),
    );
  });

  it('ignores who sent it and when', () => {
    expect(
      entryContentHash({
        ...firstVersion,
        recordedAt: 'x',
        recordedBy: { subject: 'y', role: 'z' },
      } as EntryVersion),
    ).toBe(entryContentHash(firstVersion));
  });
});
