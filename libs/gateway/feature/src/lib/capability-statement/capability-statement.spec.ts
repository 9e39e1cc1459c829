import { buildCapabilityStatement } from './capability-statement';
import { capabilityStatementProblems } from './capability-statement.testing';
import { FhirCapabilityRegistry } from './fhir-capability.registry';

const base = {
  software: { name: 'ilinks', version: '0.1.0' },
  baseUrl: 'https://exchange.example/fhir',
  date: new Date('2025-06-01T12:00:00Z'),
  devTokensAvailable: false,
};

describe('FhirCapabilityRegistry', () => {
  it('merges registrations of one type, ordering interactions as FHIR lists them', () => {
    const registry = new FhirCapabilityRegistry();
    registry.registerResource({
      type: 'Patient',
      interactions: ['search-type', 'read'],
      searchParams: [{ name: 'identifier', type: 'token' }],
      operations: [{ name: 'match', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-match' }],
    });
    registry.registerResource({
      type: 'Patient',
      interactions: ['read'],
      searchParams: [
        { name: 'birthdate', type: 'date' },
        { name: 'identifier', type: 'token' },
      ],
      operations: [
        { name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' },
      ],
    });
    registry.registerResource({ type: 'AuditEvent', interactions: ['search-type'] });
    expect(registry.resources()).toEqual([
      { type: 'AuditEvent', interactions: ['search-type'], searchParams: [], operations: [] },
      {
        type: 'Patient',
        interactions: ['read', 'search-type'],
        searchParams: [
          { name: 'birthdate', type: 'date' },
          { name: 'identifier', type: 'token' },
        ],
        operations: [
          { name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' },
          { name: 'match', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-match' },
        ],
      },
    ]);
  });

  it('refuses what FHIR would not accept', () => {
    const registry = new FhirCapabilityRegistry();
    expect(() => registry.registerResource({ type: 'patient', interactions: [] })).toThrow(
      'not a FHIR resource type name',
    );
    expect(() =>
      registry.registerResource({
        type: 'Patient',
        interactions: ['read'],
        operations: [{ name: '$match', definition: 'http://x/y' }],
      }),
    ).toThrow('no "$"');
    expect(() => registry.registerSystemOperation({ name: 'export', definition: 'not a url' })).toThrow(
      'canonical URL',
    );
    registry.registerResource({
      type: 'Patient',
      interactions: ['read'],
      searchParams: [{ name: 'identifier', type: 'token' }],
    });
    expect(() =>
      registry.registerResource({
        type: 'Patient',
        interactions: [],
        searchParams: [{ name: 'identifier', type: 'string' }],
      }),
    ).toThrow('both token and string');
  });
});

describe('buildCapabilityStatement', () => {
  it('is a valid CapabilityStatement when nothing is registered yet', () => {
    const statement = buildCapabilityStatement({ ...base, resources: [], operations: [] });
    expect(capabilityStatementProblems(statement)).toEqual([]);
    expect(statement.rest[0]).not.toHaveProperty('resource');
    expect(statement).toEqual(
      expect.objectContaining({
        fhirVersion: '4.0.1',
        format: ['application/fhir+json', 'json'],
        kind: 'instance',
        date: '2025-06-01T12:00:00.000Z',
        software: { name: 'ilinks', version: '0.1.0' },
        implementation: { description: 'iLINKS gateway', url: 'https://exchange.example/fhir' },
      }),
    );
  });

  it('lists registered resources without empty arrays', () => {
    const registry = new FhirCapabilityRegistry();
    registry.registerResource({
      type: 'Patient',
      interactions: ['read', 'create'],
      searchParams: [{ name: 'identifier', type: 'token' }],
    });
    registry.registerResource({ type: 'AuditEvent', interactions: ['search-type'] });
    registry.registerSystemOperation({
      name: 'verify-audit-chain',
      definition: 'https://ilinks.example/OperationDefinition/verify-audit-chain',
    });
    const statement = buildCapabilityStatement({
      ...base,
      resources: registry.resources(),
      operations: registry.operations(),
    });
    expect(capabilityStatementProblems(statement)).toEqual([]);
    expect(statement.rest[0]?.resource).toEqual([
      { type: 'AuditEvent', interaction: [{ code: 'search-type' }] },
      {
        type: 'Patient',
        interaction: [{ code: 'read' }, { code: 'create' }],
        searchParam: [{ name: 'identifier', type: 'token' }],
      },
    ]);
    expect(statement.rest[0]?.operation).toEqual([
      {
        name: 'verify-audit-chain',
        definition: 'https://ilinks.example/OperationDefinition/verify-audit-chain',
      },
    ]);
  });

  it('is caught by the checker when broken', () => {
    const statement = buildCapabilityStatement({ ...base, resources: [], operations: [] });
    expect(capabilityStatementProblems({ ...statement, fhirVersion: '4.0', format: [], rest: [] })).toEqual([
      'format is an empty array',
      'rest is an empty array',
      'fhirVersion must be 4.0.1',
      'format is required (1..*)',
      'cpb-1: rest, messaging or document is required',
    ]);
  });
});
