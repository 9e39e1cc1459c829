// Cost of the access decision (`decide` in libs/consent/domain), in-process, no I/O: per call for
// request-level and item-level labels over a mix of principals and policies, and per request for
// sifting a record of N items (decide once, then the filter on every item). Prints markdown.
//   node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/access/decision.bench.ts [--calls 200000] [--items 500]
import {
  type AccessContext,
  type AccessPrincipal,
  decide,
  DEFAULT_ACCESS_POLICY_SETTINGS,
  isItemVisible,
  type PersonAccessPolicy,
  type PurposeOfUse,
  RECORD_PARTS,
  type ResourceLabel,
  SENSITIVE_CATEGORIES,
} from '@ilinks/consent/domain';
import { formatMs, integerArgument, summariseLatencies } from '../support/latency';

const NOW = new Date('2026-11-26T12:00:00Z');
const CONTEXT: AccessContext = { now: NOW, settings: DEFAULT_ACCESS_POLICY_SETTINGS };
const PERSON = '7d3f9c1e-0000-4000-8000-000000000001';
const ORGANISATIONS = ['RX1', 'B82001', 'SC123', 'RYJ', 'AMB01'];
const SUMMARY: ResourceLabel = { part: 'summary' };

interface Scenario {
  readonly name: string;
  readonly principal: AccessPrincipal;
  readonly purpose: PurposeOfUse;
  readonly policy: PersonAccessPolicy;
  /** The request-level label: what a whole-record read asks for (a carer asks for a delegated part). */
  readonly request: ResourceLabel;
}

function policy(overrides: Partial<PersonAccessPolicy>): PersonAccessPolicy {
  return {
    personId: PERSON,
    personIds: [PERSON],
    relationships: ORGANISATIONS.slice(1).map((organisation, index) => ({
      relationshipId: `r-${index}`,
      organisation,
      kind: 'holds-local-record',
      since: '2020-01-01T00:00:00Z',
    })),
    objections: [],
    sharedCategories: [],
    breakGlass: [],
    delegations: [],
    ...overrides,
  };
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'practitioner, relationship',
    request: SUMMARY,
    principal: { subject: 'dr-a', organisation: 'B82001', role: 'practitioner' },
    purpose: 'direct-care',
    policy: policy({}),
  },
  {
    name: 'practitioner, relationship, objection',
    request: SUMMARY,
    principal: { subject: 'dr-a', organisation: 'B82001', role: 'practitioner' },
    purpose: 'direct-care',
    policy: policy({
      objections: [
        { objectionId: 'o', recordedBy: 'B82001', recordedAt: '2025-01-01T00:00:00Z', onBehalf: false },
      ],
    }),
  },
  {
    name: 'practitioner, break-glass',
    request: SUMMARY,
    principal: { subject: 'dr-b', organisation: 'RX1', role: 'practitioner' },
    purpose: 'emergency',
    policy: policy({
      breakGlass: [
        {
          grantId: 'g',
          subject: 'dr-b',
          organisation: 'RX1',
          reason: 'unconscious in ED',
          grantedAt: '2026-11-26T11:00:00Z',
          expiresAt: '2026-11-26T15:00:00Z',
        },
      ],
    }),
  },
  {
    name: 'practitioner, no relationship (denied)',
    request: SUMMARY,
    principal: { subject: 'dr-c', organisation: 'RX1', role: 'practitioner' },
    purpose: 'direct-care',
    policy: policy({}),
  },
  {
    name: 'individual, own record',
    request: SUMMARY,
    principal: { subject: 'p', organisation: 'ILINKS', role: 'individual', patient: PERSON },
    purpose: 'own-record',
    policy: policy({}),
  },
  {
    name: 'carer, delegation',
    principal: { subject: 'carer-1', organisation: 'ILINKS', role: 'carer' },
    purpose: 'carer-access',
    request: { part: 'appointments' },
    policy: policy({
      delegations: [
        {
          delegationId: 'd',
          carer: 'carer-1',
          parts: ['appointments', 'care-plans', 'medications'],
          grantedAt: '2026-01-01T00:00:00Z',
          until: '2027-01-01T00:00:00Z',
        },
      ],
    }),
  },
];

/** A record of `count` items across the organisations, parts and (one in ten) sealed categories. */
function recordItems(count: number): ResourceLabel[] {
  return Array.from({ length: count }, (_, index) => ({
    part: RECORD_PARTS[1 + (index % (RECORD_PARTS.length - 3))],
    organisation: ORGANISATIONS[index % ORGANISATIONS.length],
    ...(index % 10 === 0 ? { categories: [SENSITIVE_CATEGORIES[index % SENSITIVE_CATEGORIES.length]] } : {}),
    ...(index % 17 === 0 ? { notForPatientView: true } : {}),
  }));
}

/** Per-call latency in ms; each sample times `batch` calls and divides, so timer cost does not dominate. */
function timePerCall(calls: number, batch: number, call: (index: number) => unknown): number[] {
  const samples: number[] = [];
  let sink = 0;
  for (let start = 0; start < calls; start += batch) {
    const began = process.hrtime.bigint();
    for (let index = start; index < start + batch; index++) if (call(index)) sink++;
    samples.push(Number(process.hrtime.bigint() - began) / 1e6 / batch);
  }
  if (sink < 0) console.log(sink); // keeps the calls from being optimised away
  return samples;
}

function row(label: string, samples: readonly number[], unit: 'µs' | 'ms'): string {
  const summary = summariseLatencies(samples);
  const scale = unit === 'µs' ? 1000 : 1;
  const show = (value: number) => (unit === 'µs' ? (value * scale).toFixed(2) : formatMs(value));
  return `| ${label} | ${summary.count} | ${show(summary.p50)} | ${show(summary.p99)} | ${show(summary.max)} |`;
}

function main(): void {
  const calls = integerArgument(process.argv, '--calls', 200_000, 5_000_000);
  const itemCount = integerArgument(process.argv, '--items', 500, 100_000);
  const items = recordItems(itemCount);

  console.log(
    `\n## Access decision: ${calls.toLocaleString('en-GB')} calls per row, Node ${process.version}\n`,
  );
  console.log('Per call (each sample is the mean of 100 consecutive calls):\n');
  console.log('| scenario | samples | p50 µs | p99 µs | max µs |');
  console.log('|---|---:|---:|---:|---:|');
  for (const scenario of SCENARIOS) {
    const decideRequest = () =>
      decide(scenario.principal, scenario.policy, scenario.request, scenario.purpose, CONTEXT);
    timePerCall(calls / 4, 100, decideRequest); // warm-up
    console.log(row(`${scenario.name}: request level`, timePerCall(calls, 100, decideRequest), 'µs'));
    const decideItem = (index: number) =>
      decide(scenario.principal, scenario.policy, items[index % items.length], scenario.purpose, CONTEXT);
    console.log(row(`${scenario.name}: item level`, timePerCall(calls, 100, decideItem), 'µs'));
  }

  console.log(`\nPer request: decide once, then the filter over a record of ${itemCount} items:\n`);
  console.log('| scenario | requests | p50 ms | p99 ms | max ms |');
  console.log('|---|---:|---:|---:|---:|');
  const requests = Math.max(200, Math.floor(calls / itemCount));
  for (const scenario of SCENARIOS) {
    const sift = () => {
      const decision = decide(
        scenario.principal,
        scenario.policy,
        scenario.request,
        scenario.purpose,
        CONTEXT,
      );
      if (decision.effect === 'deny') return 0;
      if (decision.effect === 'permit') return items.length;
      let shown = 0;
      for (const item of items) if (isItemVisible(decision.filter, item)) shown++;
      return shown;
    };
    timePerCall(requests / 4, 1, sift);
    console.log(row(scenario.name, timePerCall(requests, 1, sift), 'ms'));
  }
}

main();
