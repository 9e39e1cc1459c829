import { ValidationError } from '@ilinks/shared/kernel';
import { recordEntryFromFhir } from './fhir-record-entry.parse';
import { EXAMPLES, PATIENT_IDENTIFIER } from './ingest-examples.testing';
import { INGEST_RESOURCE_TYPES, type IngestResourceType } from './ingest-resource-types';
import { UnprocessableEntryError } from './unprocessable-entry';

const NOW = new Date('2026-03-01T12:00:00Z');

function read(type: IngestResourceType, resource: unknown, urlId?: string) {
  return recordEntryFromFhir(resource, { expectedType: type, now: NOW, ...(urlId ? { urlId } : {}) });
}

function with_(type: IngestResourceType, changes: Record<string, unknown>): Record<string, unknown> {
  return { ...EXAMPLES[type], ...changes };
}

function without(type: IngestResourceType, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...EXAMPLES[type] };
  delete copy[key];
  return copy;
}

/** The issues of the refusal, as `path: kind`. */
function refusal(
  type: IngestResourceType,
  resource: unknown,
  urlId?: string,
): { kind: string; paths: string[] } {
  try {
    read(type, resource, urlId);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return {
      kind: error instanceof UnprocessableEntryError ? '422' : '400',
      paths: error.issues.map((issue) => issue.path),
    };
  }
  throw new Error('accepted');
}

describe('recordEntryFromFhir', () => {
  describe.each(INGEST_RESOURCE_TYPES)('a valid %s', (type) => {
    it('reads the partner id, the patient identifier and the resource as sent', () => {
      const { draft, enteredInError } = read(type, EXAMPLES[type]);
      expect(draft).toMatchObject({
        resourceType: type,
        partnerId: EXAMPLES[type].id,
        subject: PATIENT_IDENTIFIER,
      });
      expect(draft.resource).toBe(EXAMPLES[type]);
      expect(enteredInError).toBe(false);
    });

    it('refuses a missing id, naming <Type>.id', () => {
      expect(refusal(type, without(type, 'id'))).toEqual({ kind: '400', paths: [`${type}.id`] });
    });

    it('refuses an id other than the URL’s', () => {
      expect(refusal(type, EXAMPLES[type], 'another-id')).toEqual({ kind: '400', paths: [`${type}.id`] });
    });

    it('refuses another resource type', () => {
      const other = type === 'Flag' ? 'Condition' : 'Flag';
      expect(refusal(type, with_(type, { resourceType: other }))).toEqual({
        kind: '400',
        paths: [`${type}.resourceType`],
      });
    });
  });

  it('names the part, effective instant and codes per type', () => {
    const summary = Object.fromEntries(
      INGEST_RESOURCE_TYPES.map((type) => {
        const { draft } = read(type, EXAMPLES[type]);
        return [type, [draft.part, draft.effectiveAt, draft.codes.length, draft.unknownCodeSystems]];
      }),
    );
    expect(summary).toEqual({
      AllergyIntolerance: ['allergies', '2004-01-01T00:00:00.000Z', 1, false],
      MedicationStatement: ['medications', '2025-01-23T00:00:00.000Z', 1, false],
      Condition: ['problems', '2020-03-05T00:00:00.000Z', 3, false],
      Procedure: ['problems', '2013-04-05T00:00:00.000Z', 2, false],
      Observation: ['results', '2026-02-28T09:30:00.000Z', 3, false],
      Encounter: ['encounters', '2026-02-27T10:00:00.000Z', 2, false],
      Appointment: ['appointments', '2026-04-10T09:00:00.000Z', 1, false],
      CarePlan: ['care-plans', '2026-01-01T00:00:00.000Z', 1, false],
      CareTeam: ['care-team', '2026-01-01T00:00:00.000Z', 1, false],
      PractitionerRole: ['care-team', '2026-01-01T00:00:00.000Z', 1, false],
      Flag: ['alerts', '2026-01-15T00:00:00.000Z', 1, true],
    });
  });

  it('keeps codings as sent, display included', () => {
    expect(read('Condition', EXAMPLES.Condition).draft.codes).toEqual([
      { system: 'http://snomed.info/sct', code: '44054006', display: 'Diabetes mellitus type 2' },
      { system: 'http://hl7.org/fhir/sid/icd-10-uk', code: 'E11' },
      { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' },
    ]);
  });

  it('flags a coding without a system as an unknown code system', () => {
    const resource = with_('Condition', { code: { coding: [{ code: 'X1' }] } });
    expect(read('Condition', resource).draft.unknownCodeSystems).toBe(true);
  });

  it('falls back to the recorded date when there is no onset', () => {
    expect(
      read('Condition', { ...without('Condition', 'onsetDateTime'), recordedDate: '2021-06' }).draft
        .effectiveAt,
    ).toBe('2021-06-01T00:00:00.000Z');
  });

  it('files a resuscitation decision as a preference, whatever its type', () => {
    const dnacpr = { coding: [{ system: 'http://snomed.info/sct', code: '450476008' }] };
    expect(read('Flag', with_('Flag', { code: dnacpr })).draft.part).toBe('preferences');
    expect(read('Observation', with_('Observation', { code: dnacpr })).draft.part).toBe('preferences');
    expect(read('Condition', with_('Condition', { code: dnacpr })).draft.part).toBe('preferences');
  });

  it('files a mental capacity assessment or a lasting power of attorney as a preference, kept as sent', () => {
    const lpa = {
      coding: [
        { system: 'https://fhir.lbc.example/CodeSystem/local', code: 'LPA-HW' },
        {
          system: 'https://fhir.ilinks.dev/CodeSystem/urgent-care-preference',
          code: 'lpa-health-and-welfare',
        },
      ],
    };
    const reading = read('Flag', with_('Flag', { code: lpa }));
    expect(reading.draft.part).toBe('preferences');
    expect(reading.draft.codes).toEqual(expect.arrayContaining(lpa.coding));
    const capacity = {
      coding: [
        { system: 'https://fhir.ilinks.dev/CodeSystem/urgent-care-preference', code: 'lacks-capacity' },
      ],
    };
    expect(read('Observation', with_('Observation', { code: capacity })).draft.part).toBe('preferences');
  });

  it('does not file an unlisted code of our preference system as a preference', () => {
    const other = {
      coding: [{ system: 'https://fhir.ilinks.dev/CodeSystem/urgent-care-preference', code: 'x' }],
    };
    expect(read('Observation', with_('Observation', { code: other })).draft.part).not.toBe('preferences');
  });

  it('files a ReSPECT or end-of-life care plan as a preference', () => {
    const respect = [{ coding: [{ system: 'http://snomed.info/sct', code: '1382601000000107' }] }];
    expect(read('CarePlan', with_('CarePlan', { category: respect })).draft.part).toBe('preferences');
  });

  it('files a social-care assessment observation with the encounters', () => {
    const category = [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'social-history' },
        ],
      },
    ];
    expect(read('Observation', with_('Observation', { category })).draft.part).toBe('encounters');
  });

  it('reads meta.security NOPAT as not for patient view', () => {
    const meta = {
      security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'NOPAT' }],
    };
    expect(read('Condition', with_('Condition', { meta })).draft.notForPatientView).toBe(true);
    expect(read('Condition', EXAMPLES.Condition).draft.notForPatientView).toBeUndefined();
  });

  it('sees entered-in-error in status or verificationStatus', () => {
    expect(read('Flag', with_('Flag', { status: 'entered-in-error' })).enteredInError).toBe(true);
    const verificationStatus = { coding: [{ code: 'entered-in-error' }] };
    expect(read('Condition', with_('Condition', { verificationStatus })).enteredInError).toBe(true);
    expect(
      read('AllergyIntolerance', with_('AllergyIntolerance', { verificationStatus })).enteredInError,
    ).toBe(true);
  });

  describe('refuses, naming the element', () => {
    it.each([
      ['Condition', 'subject', 'Condition.subject'],
      ['AllergyIntolerance', 'patient', 'AllergyIntolerance.patient'],
      ['Observation', 'status', 'Observation.status'],
      ['Observation', 'code', 'Observation.code'],
      ['Encounter', 'status', 'Encounter.status'],
      ['Encounter', 'class', 'Encounter.class'],
      ['Appointment', 'status', 'Appointment.status'],
      ['Appointment', 'participant', 'Appointment.participant'],
      ['Flag', 'status', 'Flag.status'],
      ['Flag', 'code', 'Flag.code'],
      ['CarePlan', 'status', 'CarePlan.status'],
      ['CarePlan', 'intent', 'CarePlan.intent'],
      ['MedicationStatement', 'status', 'MedicationStatement.status'],
      ['MedicationStatement', 'medicationCodeableConcept', 'MedicationStatement.medication[x]'],
      ['Procedure', 'status', 'Procedure.status'],
      ['CareTeam', 'subject', 'CareTeam.subject'],
      ['PractitionerRole', 'extension', 'PractitionerRole.extension'],
    ] as const)('%s without %s', (type, key, path) => {
      expect(refusal(type, without(type, key))).toEqual({ kind: '400', paths: [path] });
    });

    it('a status outside the value set', () => {
      expect(refusal('Flag', with_('Flag', { status: 'open' }))).toEqual({
        kind: '400',
        paths: ['Flag.status'],
      });
    });

    it('a date that is not a FHIR dateTime', () => {
      expect(refusal('Condition', with_('Condition', { onsetDateTime: '05/03/2020' })).paths).toEqual([
        'Condition.onsetDateTime',
      ]);
      expect(refusal('Condition', with_('Condition', { onsetDateTime: '2021-02-30' })).paths).toEqual([
        'Condition.onsetDateTime',
      ]);
      expect(refusal('Condition', with_('Condition', { onsetDateTime: '2021-02-03T10:00' })).paths).toEqual([
        'Condition.onsetDateTime',
      ]);
    });

    it('a coding that is not an object, and a code that is not a string', () => {
      expect(refusal('Condition', with_('Condition', { code: { coding: ['44054006'] } })).paths).toEqual([
        'Condition.code.coding[0]',
      ]);
      expect(
        refusal('Condition', with_('Condition', { code: { coding: [{ code: 44054006 }] } })).paths,
      ).toEqual(['Condition.code.coding[0].code']);
    });

    it('a subject without identifier, or with an identifier missing its system', () => {
      expect(refusal('Condition', with_('Condition', { subject: { display: 'someone' } })).paths).toEqual([
        'Condition.subject.identifier',
      ]);
      expect(
        refusal('Condition', with_('Condition', { subject: { identifier: { value: 'X' } } })).paths,
      ).toEqual(['Condition.subject.identifier.system']);
    });

    it('a reference to a Patient by id, with 422', () => {
      expect(refusal('Condition', with_('Condition', { subject: { reference: 'Patient/6f1c' } }))).toEqual({
        kind: '422',
        paths: ['Condition.subject.reference'],
      });
    });

    it('the NHS number in place of the partner’s identifier, with 422', () => {
      const subject = { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' } };
      expect(refusal('Condition', with_('Condition', { subject }))).toEqual({
        kind: '422',
        paths: ['Condition.subject.identifier.system'],
      });
    });

    it.each([
      ['Condition', 'onsetDateTime'],
      ['Condition', 'recordedDate'],
      ['AllergyIntolerance', 'onsetDateTime'],
      ['Procedure', 'performedDateTime'],
      ['Observation', 'effectiveDateTime'],
      ['Observation', 'issued'],
      ['MedicationStatement', 'dateAsserted'],
    ] as const)('a past event in the future: %s.%s, with 422', (type, key) => {
      expect(refusal(type, with_(type, { [key]: '2026-03-01T12:06:00Z' }))).toEqual({
        kind: '422',
        paths: [`${type}.${key}`],
      });
    });

    it('accepts a past event within five minutes of our clock', () => {
      expect(
        read('Observation', with_('Observation', { effectiveDateTime: '2026-03-01T12:04:00Z' })).draft
          .effectiveAt,
      ).toBe('2026-03-01T12:04:00.000Z');
    });

    it('accepts a future appointment and a planned encounter', () => {
      expect(() =>
        read('Appointment', with_('Appointment', { start: '2027-01-01T09:00:00Z' })),
      ).not.toThrow();
      expect(() =>
        read('Encounter', with_('Encounter', { status: 'planned', period: { start: '2027-01-01' } })),
      ).not.toThrow();
    });

    it('a medicationReference, with 422', () => {
      const resource = {
        ...without('MedicationStatement', 'medicationCodeableConcept'),
        medicationReference: { reference: 'Medication/1' },
      };
      expect(refusal('MedicationStatement', resource)).toEqual({
        kind: '422',
        paths: ['MedicationStatement.medicationReference'],
      });
    });

    it('an appointment without a patient participant, or a participant without status', () => {
      const participant = [{ actor: { display: 'Dr Adam Careful' }, status: 'accepted' }];
      expect(refusal('Appointment', with_('Appointment', { participant })).paths).toEqual([
        'Appointment.participant',
      ]);
      const noStatus = [{ actor: { type: 'Patient', identifier: PATIENT_IDENTIFIER } }];
      expect(refusal('Appointment', with_('Appointment', { participant: noStatus })).paths).toEqual([
        'Appointment.participant[0].status',
      ]);
    });

    it('a PractitionerRole whose care-of-patient extension has no identifier', () => {
      const extension = [
        { url: 'https://fhir.ilinks.dev/StructureDefinition/care-of-patient', valueString: 'x' },
      ];
      expect(refusal('PractitionerRole', with_('PractitionerRole', { extension })).paths).toEqual([
        'PractitionerRole.extension[0].valueIdentifier',
      ]);
    });

    it('every bad element at once, 400 when any is invalid FHIR', () => {
      const resource = with_('Observation', {
        status: 'done',
        subject: { reference: 'Patient/1' },
        issued: 'soon',
      });
      expect(refusal('Observation', resource)).toEqual({
        kind: '400',
        paths: ['Observation.status', 'Observation.issued', 'Observation.subject.reference'],
      });
    });

    it('something that is not a JSON object', () => {
      expect(refusal('Condition', [])).toEqual({ kind: '400', paths: ['Condition'] });
    });
  });
});
