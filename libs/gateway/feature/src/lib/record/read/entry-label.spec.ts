import { DEFAULT_SENSITIVE_CODES } from '@ilinks/consent/domain';
import { labelOfEntry } from './entry-label';
import { HIV_CODING, recordEntry } from './record-entry.testing';

describe('labelOfEntry', () => {
  it('names the part and the recording organisation, and nothing else for a plain entry', () => {
    expect(labelOfEntry(recordEntry(), DEFAULT_SENSITIVE_CODES)).toEqual({
      part: 'problems',
      organisation: 'RBS',
    });
  });

  it('puts an HIV-coded entry in the sealed hiv category', () => {
    const entry = recordEntry({ codes: [HIV_CODING] });
    expect(labelOfEntry(entry, DEFAULT_SENSITIVE_CODES).categories).toEqual(['hiv']);
  });

  it('finds every category once, whichever coding carries it', () => {
    const entry = recordEntry({
      codes: [HIV_CODING, { system: 'http://snomed.info/sct', code: '15628003' }, HIV_CODING],
    });
    expect(labelOfEntry(entry, DEFAULT_SENSITIVE_CODES).categories).toEqual(['sexual-health', 'hiv']);
  });

  it('matches the code only in its own system', () => {
    const entry = recordEntry({ codes: [{ system: 'http://example.org/other', code: HIV_CODING.code }] });
    expect(labelOfEntry(entry, DEFAULT_SENSITIVE_CODES).categories).toBeUndefined();
  });

  it('ignores codings without a system or a code', () => {
    const entry = recordEntry({ codes: [{ code: HIV_CODING.code }, { system: HIV_CODING.system }] });
    expect(labelOfEntry(entry, DEFAULT_SENSITIVE_CODES).categories).toBeUndefined();
  });

  it('uses the configured table, not the default one', () => {
    const table = [{ system: 'http://snomed.info/sct', code: '38341003', category: 'fertility' as const }];
    expect(labelOfEntry(recordEntry(), table).categories).toEqual(['fertility']);
    expect(labelOfEntry(recordEntry({ codes: [HIV_CODING] }), table).categories).toBeUndefined();
  });

  it('carries not-for-patient-view and patient-contributed when set', () => {
    const label = labelOfEntry(
      recordEntry({ notForPatientView: true, patientContributed: true }),
      DEFAULT_SENSITIVE_CODES,
    );
    expect(label).toMatchObject({ notForPatientView: true, patientContributed: true });
  });

  it('leaves the flags out when false', () => {
    const label = labelOfEntry(
      recordEntry({ notForPatientView: false, patientContributed: false }),
      DEFAULT_SENSITIVE_CODES,
    );
    expect(label).not.toHaveProperty('notForPatientView');
    expect(label).not.toHaveProperty('patientContributed');
  });

  it("falls back to the type's part when the entry's part is not one the decision knows", () => {
    const entry = recordEntry({ resourceType: 'MedicationStatement', part: 'pills' });
    expect(labelOfEntry(entry, DEFAULT_SENSITIVE_CODES).part).toBe('medications');
  });

  it('falls back to summary for an unknown part of an unknown type', () => {
    const entry = recordEntry({ resourceType: 'Goal', part: 'goals' });
    expect(labelOfEntry(entry, DEFAULT_SENSITIVE_CODES).part).toBe('summary');
  });
});
