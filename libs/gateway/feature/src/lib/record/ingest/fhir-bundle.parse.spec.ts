import { ValidationError } from '@ilinks/shared/kernel';
import { PayloadTooLargeException } from '@nestjs/common';
import { MAX_BUNDLE_ENTRIES, readIngestBundle } from './fhir-bundle.parse';
import { EXAMPLES } from './ingest-examples.testing';
import { UnprocessableEntryError } from './unprocessable-entry';

const NOW = new Date('2026-03-01T12:00:00Z');

type Resource = Readonly<Record<string, unknown>>;
const post = (resource: Resource) => ({
  resource,
  request: { method: 'POST', url: String(resource['resourceType']) },
});
const put = (resource: Resource) => ({
  resource,
  request: { method: 'PUT', url: `${String(resource['resourceType'])}/${String(resource['id'])}` },
});
const bundle = (type: string, entry: unknown[]) => ({ resourceType: 'Bundle', type, entry });

function pathsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((issue) => issue.path);
    throw error;
  }
  throw new Error('accepted');
}

describe('readIngestBundle', () => {
  const encounter = [
    post(EXAMPLES.Encounter),
    post(EXAMPLES.Observation),
    put(EXAMPLES.Condition),
    post(EXAMPLES.Flag),
  ];

  it('reads a transaction of creates and updates', () => {
    const reading = readIngestBundle(bundle('transaction', encounter), NOW);
    expect(reading.type).toBe('transaction');
    expect(
      reading.entries.map((entry) =>
        entry.ok && entry.operation.kind === 'write' ? entry.operation.reading.resourceType : '?',
      ),
    ).toEqual(['Encounter', 'Observation', 'Condition', 'Flag']);
  });

  it('refuses a whole transaction for one bad entry, naming it', () => {
    const flag = { ...EXAMPLES.Flag, subject: {} };
    expect(
      pathsOf(() => readIngestBundle(bundle('transaction', [...encounter.slice(0, 3), post(flag)]), NOW)),
    ).toEqual(['Bundle.entry[3].resource.subject.identifier']);
  });

  it('refuses a transaction whose only problem is a rule with 422', () => {
    const flag = { ...EXAMPLES.Flag, subject: { reference: 'Patient/1' } };
    expect(() => readIngestBundle(bundle('transaction', [post(flag)]), NOW)).toThrow(UnprocessableEntryError);
  });

  it('refuses retractions inside a transaction', () => {
    const retraction = put({ ...EXAMPLES.Flag, status: 'entered-in-error' });
    const deletion = { request: { method: 'DELETE', url: 'Flag/flag-1' } };
    expect(pathsOf(() => readIngestBundle(bundle('transaction', [retraction, deletion]), NOW))).toEqual([
      'Bundle.entry[0].request',
      'Bundle.entry[1].request',
    ]);
  });

  it('answers a batch per entry', () => {
    const reading = readIngestBundle(
      bundle('batch', [
        post(EXAMPLES.Condition),
        post({ ...EXAMPLES.Condition, id: undefined }),
        { request: { method: 'DELETE', url: 'Flag/flag-1' } },
        put({ ...EXAMPLES.Flag, status: 'entered-in-error' }),
        post({ ...EXAMPLES.Procedure, performedDateTime: '2027-01-01' }),
      ]),
      NOW,
    );
    expect(
      reading.entries.map((entry) => (entry.ok ? entry.operation.kind : entry.refusal.issues[0]?.path)),
    ).toEqual([
      'write',
      'Bundle.entry[1].resource.id',
      'retract',
      'retract',
      'Bundle.entry[4].resource.performedDateTime',
    ]);
    const future = reading.entries[4];
    expect(future?.ok === false && future.refusal).toBeInstanceOf(UnprocessableEntryError);
  });

  it.each([
    [{ resourceType: 'Parameters' }, 'Bundle.resourceType'],
    [{ resourceType: 'Bundle', type: 'collection' }, 'Bundle.type'],
    [{ resourceType: 'Bundle', type: 'batch', entry: {} }, 'Bundle.entry'],
  ])('refuses a bundle that is not a transaction or batch', (body, path) => {
    expect(pathsOf(() => readIngestBundle(body, NOW))).toEqual([path]);
  });

  it.each([
    [{ resource: EXAMPLES.Flag }, 'Bundle.entry[0].request'],
    [
      { resource: EXAMPLES.Flag, request: { method: 'PATCH', url: 'Flag/flag-1' } },
      'Bundle.entry[0].request.method',
    ],
    [{ resource: EXAMPLES.Flag, request: { method: 'POST', url: 'Patient' } }, 'Bundle.entry[0].request.url'],
    [
      { resource: EXAMPLES.Flag, request: { method: 'POST', url: 'Flag/flag-1' } },
      'Bundle.entry[0].request.url',
    ],
    [{ resource: EXAMPLES.Flag, request: { method: 'PUT', url: 'Flag' } }, 'Bundle.entry[0].request.url'],
    [
      { resource: EXAMPLES.Flag, request: { method: 'POST', url: 'Condition' } },
      'Bundle.entry[0].resource.resourceType',
    ],
    [
      { resource: EXAMPLES.Flag, request: { method: 'PUT', url: 'Flag/other' } },
      'Bundle.entry[0].resource.id',
    ],
    [{ request: { method: 'POST', url: 'Flag' } }, 'Bundle.entry[0].resource'],
  ])('refuses a bad entry request (%#)', (entry, path) => {
    expect(pathsOf(() => readIngestBundle(bundle('transaction', [entry]), NOW))).toEqual([path]);
  });

  it('refuses a DELETE that carries a resource', () => {
    const entry = { resource: EXAMPLES.Flag, request: { method: 'DELETE', url: 'Flag/flag-1' } };
    const reading = readIngestBundle(bundle('batch', [entry]), NOW);
    expect(reading.entries[0]?.ok === false && reading.entries[0].refusal.issues[0]?.path).toBe(
      'Bundle.entry[0].resource',
    );
  });

  it(`refuses more than ${MAX_BUNDLE_ENTRIES} entries with 413`, () => {
    const entries = Array.from({ length: MAX_BUNDLE_ENTRIES + 1 }, () => post(EXAMPLES.Flag));
    expect(() => readIngestBundle(bundle('batch', entries), NOW)).toThrow(PayloadTooLargeException);
  });

  it('reads an empty transaction as nothing to do', () => {
    expect(readIngestBundle({ resourceType: 'Bundle', type: 'transaction' }, NOW).entries).toEqual([]);
  });
});
