import { recordEntry } from '../read/record-entry.testing';
import { viewEntry } from './view-entry.testing';
import {
  clinicalDateOf,
  displayOf,
  isCurrent,
  newestFirst,
  objectsAt,
  referenceOf,
  sourceOf,
  statusCodeAt,
  viewItemOf,
} from './view-item';

describe('viewItemOf', () => {
  it('names the FHIR resource to fetch and carries the source', () => {
    expect(viewItemOf(recordEntry({ entryId: 'c-1' }))).toEqual({
      reference: 'Condition/c-1',
      resourceType: 'Condition',
      date: '2025-03-01T10:00:00.000Z',
      display: 'Hypertension',
      source: {
        organisation: 'RBS',
        recordedAt: '2025-03-01T10:05:00.000Z',
        lastUpdated: '2025-03-01T10:05:00.000Z',
        patientContributed: false,
      },
    });
  });

  it('leaves out a date and a display the sender did not give', () => {
    const item = viewItemOf(viewEntry('Flag', {}, { effectiveAt: undefined }));
    expect(item).not.toHaveProperty('date');
    expect(item).not.toHaveProperty('display');
  });
});

describe('sourceOf', () => {
  it('marks what the person contributed', () => {
    expect(sourceOf(recordEntry({ patientContributed: true })).patientContributed).toBe(true);
  });
});

describe('referenceOf', () => {
  it('is <ResourceType>/<entryId>', () => {
    expect(referenceOf(viewEntry('CarePlan', {}, { entryId: 'cp-9' }))).toBe('CarePlan/cp-9');
  });
});

describe('displayOf', () => {
  it('takes the first coding with a display', () => {
    expect(displayOf(recordEntry({ codes: [{ code: 'x' }, { code: 'y', display: 'Second' }] }))).toBe(
      'Second',
    );
  });

  it("falls back to the code's text", () => {
    expect(displayOf(viewEntry('Condition', { code: { text: 'Bad back' } }))).toBe('Bad back');
  });

  it('is undefined without either', () => {
    expect(displayOf(viewEntry('Condition', { code: { text: '' } }))).toBeUndefined();
  });
});

describe('statusCodeAt', () => {
  it('reads a plain status', () => {
    expect(statusCodeAt({ status: 'booked' }, 'status')).toBe('booked');
  });

  it('reads the first code of a CodeableConcept', () => {
    expect(
      statusCodeAt({ clinicalStatus: { coding: [{ display: 'x' }, { code: 'active' }] } }, 'clinicalStatus'),
    ).toBe('active');
  });

  it('is undefined when absent or malformed', () => {
    expect(statusCodeAt({}, 'status')).toBeUndefined();
    expect(statusCodeAt({ status: [1] }, 'status')).toBeUndefined();
  });
});

describe('objectsAt', () => {
  it('keeps only the objects of an array', () => {
    expect(objectsAt({ list: [{ a: 1 }, 'x', null, [1]] }, 'list')).toEqual([{ a: 1 }]);
    expect(objectsAt({ list: 'x' }, 'list')).toEqual([]);
  });
});

describe('ordering and dates', () => {
  it('orders newest clinical date first, the recording date when undated', () => {
    const older = recordEntry({ entryId: 'a', effectiveAt: '2024-01-01T00:00:00.000Z' });
    const undated = recordEntry({
      entryId: 'b',
      effectiveAt: undefined,
      recordedAt: '2025-01-01T00:00:00.000Z',
    });
    const newer = recordEntry({ entryId: 'c', effectiveAt: '2026-01-01T00:00:00.000Z' });
    expect([older, newer, undated].sort(newestFirst).map((entry) => entry.entryId)).toEqual(['c', 'b', 'a']);
    expect(clinicalDateOf(undated)).toBe('2025-01-01T00:00:00.000Z');
  });

  it('counts entered-in-error entries as not current', () => {
    expect(isCurrent(recordEntry({ status: 'entered-in-error' }))).toBe(false);
    expect(isCurrent(recordEntry())).toBe(true);
  });
});
