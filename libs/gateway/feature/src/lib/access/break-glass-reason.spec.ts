import { ValidationError } from '@ilinks/shared/kernel';
import { breakGlassReasonOf } from './break-glass-reason';

describe('breakGlassReasonOf', () => {
  const refusal = (headers: Record<string, string | string[]>): ValidationError => {
    try {
      breakGlassReasonOf(headers);
    } catch (error) {
      return error as ValidationError;
    }
    throw new Error('expected a refusal');
  };

  it('is undefined when the request states no reason', () => {
    expect(breakGlassReasonOf({})).toBeUndefined();
  });

  it('answers the reason trimmed', () => {
    expect(breakGlassReasonOf({ 'x-break-glass-reason': '  unconscious in A&E  ' })).toBe(
      'unconscious in A&E',
    );
  });

  it('accepts exactly 10 and exactly 1000 characters', () => {
    expect(breakGlassReasonOf({ 'x-break-glass-reason': 'a'.repeat(10) })).toHaveLength(10);
    expect(breakGlassReasonOf({ 'x-break-glass-reason': 'a'.repeat(1000) })).toHaveLength(1000);
  });

  it.each([
    ['too short once trimmed', '   too short   '],
    ['empty', ''],
    ['too long', 'a'.repeat(1001)],
  ])('refuses a reason that is %s, naming the header', (_case, reason) => {
    const error = refusal({ 'x-break-glass-reason': reason });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([
      { path: 'X-Break-Glass-Reason', message: expect.stringContaining('10 to 1000') },
    ]);
  });

  it('refuses the header given twice', () => {
    expect(refusal({ 'x-break-glass-reason': ['first reason here', 'second reason'] })).toBeInstanceOf(
      ValidationError,
    );
  });

  it('never echoes the reason', () => {
    expect(JSON.stringify(refusal({ 'x-break-glass-reason': 'Mrs X' }).issues)).not.toContain('Mrs X');
  });
});
