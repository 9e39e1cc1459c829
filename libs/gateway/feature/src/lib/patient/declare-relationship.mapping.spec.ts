import { ValidationError } from '@ilinks/shared/kernel';
import { declaredReasonFromParameters, relationshipParameters } from './declare-relationship.mapping';

const parameters = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });

describe('declaredReasonFromParameters', () => {
  const refusal = (body: unknown): ValidationError => {
    try {
      declaredReasonFromParameters(body);
    } catch (error) {
      return error as ValidationError;
    }
    throw new Error('expected a refusal');
  };

  it('reads the reason, trimmed', () => {
    expect(
      declaredReasonFromParameters(parameters({ name: 'reason', valueString: '  seen in clinic today ' })),
    ).toBe('seen in clinic today');
  });

  it('refuses a body that is not Parameters', () => {
    expect(refusal({ resourceType: 'Patient' }).issues[0]?.path).toBe('Parameters');
    expect(refusal('reason').issues[0]?.path).toBe('Parameters');
  });

  it('refuses a missing, repeated or unknown parameter', () => {
    expect(refusal({ resourceType: 'Parameters' }).issues[0]?.path).toBe('Parameters.parameter');
    expect(refusal(parameters()).issues[0]?.path).toBe('Parameters.parameter');
    const twice = { name: 'reason', valueString: 'seen in clinic today' };
    expect(refusal(parameters(twice, twice)).issues[0]?.path).toBe('Parameters.parameter');
    expect(refusal(parameters(twice, { name: 'other', valueString: 'x' })).issues[0]?.path).toBe(
      'Parameters.parameter',
    );
  });

  it.each([
    ['too short', 'short'],
    ['too long', 'x'.repeat(1001)],
  ])('refuses a reason that is %s', (_case, reason) => {
    expect(refusal(parameters({ name: 'reason', valueString: reason })).issues[0]?.path).toBe(
      'Parameters.parameter[0].valueString',
    );
  });

  it('refuses a reason that is not a string', () => {
    expect(refusal(parameters({ name: 'reason', valueInteger: 12345678901 }))).toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('relationshipParameters', () => {
  it('answers the relationship as Parameters', () => {
    expect(
      relationshipParameters({
        relationshipId: 'rel-1',
        personId: 'p-1',
        organisation: 'RBS',
        kind: 'self-declared',
        since: '2026-01-01T00:00:00.000Z',
        declaredBy: 'dr-jones',
        reason: 'seen in clinic today',
      }),
    ).toEqual({
      resourceType: 'Parameters',
      parameter: [
        { name: 'relationshipId', valueString: 'rel-1' },
        { name: 'organisation', valueString: 'RBS' },
        { name: 'kind', valueCode: 'self-declared' },
        { name: 'since', valueString: '2026-01-01T00:00:00.000Z' },
      ],
    });
  });
});
