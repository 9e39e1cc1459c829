/*
 * Loads a synthetic demo region through the gateway, as its partners would: every organisation
 * registers its patients with FHIR `POST /fhir/Patient` (its own token) and sends what it knows of
 * them (problems, medication, allergies, attendances, visits, care plans, appointments: see
 * demo-record-items.ts), then an admin retrains the match model on what is held. Nothing here is
 * real (see tools/identity-data).
 *
 *   node -r ./libs/shared/testing/src/lib/swc-register.js tools/demo-region/load-demo-region.ts \
 *     --gateway http://127.0.0.1:8080 [--persons 250] [--seed 2026]
 */
import { generatePopulation, type LocalRecordFixture } from '../identity-data/generate-population';
import { SAMPLE_ORGANISATIONS } from '../identity-data/sample-organisations';
import { dischargeLetterOf, gpPracticeOf, hba1cSeriesOf, recordsByPerson } from './demo-letters-and-results';
import { demoItemsFor, type FhirResource } from './demo-record-items';
import { fhirPatientOf } from './fhir-patient-of';

const CONCURRENCY = 4;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

async function tokenFor(gateway: string, sub: string, org: string, role: string): Promise<string> {
  const response = await fetch(`${gateway}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, org, role }),
  });
  if (!response.ok) throw new Error(`dev token refused (${response.status}): is the platform embedded?`);
  return ((await response.json()) as { access_token: string }).access_token;
}

interface Registered {
  readonly personId: string;
  readonly outcome: string;
  readonly organisation: string;
}

async function register(
  gateway: string,
  token: string,
  record: LocalRecordFixture,
  key: string,
  gpPractice: string | undefined,
): Promise<Registered> {
  const response = await fetch(`${gateway}/fhir/Patient`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/fhir+json',
      'idempotency-key': key,
    },
    body: JSON.stringify(fhirPatientOf(record, gpPractice)),
  });
  const body = (await response.json()) as {
    id?: string;
    extension?: { url: string; extension?: { url: string; valueCode?: string }[] }[];
  };
  if (!response.ok) throw new Error(`registration refused (${response.status}): ${JSON.stringify(body)}`);
  const outcome = body.extension
    ?.find((extension) => extension.url.endsWith('/link-outcome'))
    ?.extension?.find((part) => part.url === 'outcome')?.valueCode;
  return { personId: String(body.id), outcome: outcome ?? 'unknown', organisation: record.organisation };
}

/** Sends one partner resource; a second load of the same region answers 200 (unchanged). */
async function sendItem(gateway: string, token: string, resource: FhirResource): Promise<void> {
  const response = await fetch(`${gateway}/fhir/${resource.resourceType}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
    body: JSON.stringify(resource),
  });
  if (!response.ok)
    throw new Error(`${resource.resourceType} refused (${response.status}): ${await response.text()}`);
}

async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

async function main(): Promise<void> {
  const gateway = option('--gateway', 'http://127.0.0.1:8080').replace(/\/+$/, '');
  const persons = Number(option('--persons', '250'));
  const seed = Number(option('--seed', '2026'));
  if (!Number.isInteger(persons) || persons < 1 || persons > 20_000)
    throw new Error('--persons takes 1 to 20000');
  const started = Date.now();
  const { records } = generatePopulation({ persons }, seed);
  const organisations = [...new Set(records.map((record) => record.organisation))];
  const tokens = new Map(
    await Promise.all(
      organisations.map(
        async (org) => [org, await tokenFor(gateway, `demo-${org.toLowerCase()}`, org, 'system')] as const,
      ),
    ),
  );
  const kindOf = new Map(
    SAMPLE_ORGANISATIONS.map((organisation) => [String(organisation.code), organisation.kind]),
  );
  const regionPersons = recordsByPerson(records, kindOf);
  const results = await inParallel(records, CONCURRENCY, (record, index) =>
    register(
      gateway,
      tokens.get(record.organisation) ?? '',
      record,
      `demo-region-${seed}-${index}`,
      gpPracticeOf(regionPersons.get(record.truePersonId)),
    ),
  );
  const today = new Date();
  const items = records.flatMap((record) => {
    const kind = kindOf.get(record.organisation);
    return kind === undefined
      ? []
      : demoItemsFor(record, kind, today).map((resource) => ({ record, resource }));
  });
  await inParallel(items, CONCURRENCY, ({ record, resource }) =>
    sendItem(gateway, tokens.get(record.organisation) ?? '', resource),
  );
  // Letters and results: each organisation's sendings in order (an order before its report).
  const sendings = [...regionPersons.values()].flatMap((person) => {
    const letter = dischargeLetterOf(person, today);
    return [...(letter === undefined ? [] : [letter]), ...hba1cSeriesOf(person, today)];
  });
  await inParallel(sendings, CONCURRENCY, async ({ organisation, resources }) => {
    for (const resource of resources) await sendItem(gateway, tokens.get(organisation) ?? '', resource);
  });
  const admin = await tokenFor(gateway, 'demo-admin', organisations[0], 'admin');
  const training = await fetch(`${gateway}/identity/match-model/$train`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const outcomes = results.reduce<Record<string, number>>((counts, { outcome }) => {
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    return counts;
  }, {});
  const byPerson = results.reduce<Map<string, number>>(
    (counts, { personId }) => counts.set(personId, (counts.get(personId) ?? 0) + 1),
    new Map(),
  );
  const example = [...byPerson].sort((a, b) => b[1] - a[1])[0]?.[0];
  // Access control: only an organisation holding one of the person's records may read them.
  const exampleHolder = results.find(({ personId }) => personId === example)?.organisation;
  console.log(
    JSON.stringify(
      {
        demoRegion: {
          records: records.length,
          organisations: organisations.length,
          persons: byPerson.size,
          recordItems: items.length,
          lettersAndResults: sendings.reduce((count, sending) => count + sending.resources.length, 0),
          linkOutcomes: outcomes,
          modelTrained: training.ok ? await training.json() : `refused (${training.status})`,
          examplePatient: example ? `${gateway}/fhir/Patient/${example}` : undefined,
          exampleRecord: example ? `${gateway}/fhir/Patient/${example}/$everything` : undefined,
          readExampleWith: exampleHolder
            ? { sub: 'demo-clinician', org: exampleHolder, role: 'practitioner' }
            : undefined,
          seconds: (Date.now() - started) / 1000,
        },
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
