import { LETTER_KIND_SYSTEM, LOINC_SYSTEM } from './letter-fhir.systems';
import { letterKindOf } from './letter-kind';

const loinc = (code: string) => ({ system: LOINC_SYSTEM, code });
const ours = (code: string) => ({ system: LETTER_KIND_SYSTEM, code });

describe('letterKindOf', () => {
  it.each([
    ['18842-5', 'discharge-summary'],
    ['11488-4', 'clinic-letter'],
    ['34109-9', 'clinic-letter'],
    ['57133-1', 'referral'],
    ['75476-2', 'social-care-assessment'],
  ])('maps LOINC %s to %s', (code, kind) => {
    expect(letterKindOf([loinc(code)], [])).toBe(kind);
  });

  it('prefers a known LOINC type to a category', () => {
    expect(letterKindOf([loinc('57133-1')], [ours('clinic-letter')])).toBe('referral');
  });

  it('falls back to a category in our CodeSystem', () => {
    expect(letterKindOf([loinc('00000-0')], [ours('record-extract')])).toBe('record-extract');
  });

  it('ignores a LOINC code under another system and an unknown category code', () => {
    expect(letterKindOf([{ system: 'http://snomed.info/sct', code: '18842-5' }], [ours('memo')])).toBe(
      'other',
    );
  });

  it('answers other when nothing is coded', () => {
    expect(letterKindOf([], [])).toBe('other');
  });
});
