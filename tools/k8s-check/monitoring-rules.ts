import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { asList, asObject, asText, type Violation } from './manifest-rules';
import type { K8sObject } from './render-manifests';

/** One row of the alert table of docs/operations.md §11. */
export interface DocumentedAlert {
  readonly name: string;
  readonly severity: string;
  readonly expr: string;
  readonly for: string;
  readonly meaning: string;
}

/** One alerting rule of a rendered PrometheusRule. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** Where every runbook link points, after the base URL an overlay may change. */
export const RUNBOOK_PATH = 'docs/operations.md#11-metrics-and-alerts';
export const SEVERITIES: readonly string[] = ['critical', 'warning'];

const EXPRESSION_CELL = /^`(.+)` for (\d+[smhd])$/;

/** The text of a markdown section, from its `## <number>.` heading to the next `## `. */
export function sectionOf(markdown: string, number: number): string {
  const start = markdown.search(new RegExp(`^## ${number}\\. `, 'm'));
  if (start < 0) return '';
  const rest = markdown.slice(start + 1);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

const cellsOf = (row: string): string[] =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());

/**
 * The alerts of the table whose header starts with `| alert`: a row whose expression cell is not
 * `` `expr` for <duration> `` throws, so a malformed row cannot silently drop out.
 */
export function documentedAlerts(section: string): DocumentedAlert[] {
  const lines = section.split('\n');
  const header = lines.findIndex((line) => /^\|\s*alert\s*\|/.test(line));
  if (header < 0) return [];
  const rows = lines.slice(header + 2);
  const end = rows.findIndex((line) => !line.startsWith('|'));
  const table = end < 0 ? rows : rows.slice(0, end);
  return table.map((row) => {
    const [name, severity, expression, meaning] = cellsOf(row);
    const match = EXPRESSION_CELL.exec(expression ?? '');
    if (!match) throw new Error(`alert ${name}: expression cell must read \`expr\` for <duration>`);
    return { name, severity, expr: match[1], for: match[2], meaning };
  });
}

/** Every alerting rule of every PrometheusRule. */
export function alertRulesOf(objects: readonly K8sObject[]): AlertRule[] {
  return objects
    .filter((object) => object.kind === 'PrometheusRule')
    .flatMap((object) => asList(asObject(object['spec'])['groups']))
    .flatMap((group) => asList(asObject(group)['rules']))
    .map(asObject)
    .filter((rule) => typeof rule['alert'] === 'string')
    .map((rule) => ({
      alert: asText(rule['alert']),
      expr: String(rule['expr']),
      ...(typeof rule['for'] === 'string' ? { for: rule['for'] } : {}),
      labels: asObject(rule['labels']) as Record<string, string>,
      annotations: asObject(rule['annotations']) as Record<string, string>,
    }));
}

/** Problems of one rule against its documented row. */
function ruleProblems(rule: AlertRule, documented: DocumentedAlert): Violation[] {
  const problems: Violation[] = [];
  const { annotations } = rule;
  if (rule.expr !== documented.expr) problems.push(`${rule.alert}: expr differs from the doc`);
  if (rule.for !== documented.for)
    problems.push(`${rule.alert}: for ${rule.for} ≠ ${documented.for} in the doc`);
  if (rule.labels['severity'] !== documented.severity)
    problems.push(`${rule.alert}: severity ${rule.labels['severity']} ≠ ${documented.severity} in the doc`);
  if (!annotations['summary']) problems.push(`${rule.alert}: no summary`);
  if (annotations['description'] !== documented.meaning)
    problems.push(`${rule.alert}: description differs from the doc's meaning and first action`);
  if (!/^https:\/\/\S+\/docs\/operations\.md#11-metrics-and-alerts$/.test(annotations['runbook_url'] ?? ''))
    problems.push(`${rule.alert}: runbook_url must end in /${RUNBOOK_PATH}`);
  return problems;
}

/** The rules are exactly the documented alerts, each with the doc's expression, `for`, severity and meaning. */
export function rulesMatchTheDoc(
  rules: readonly AlertRule[],
  documented: readonly DocumentedAlert[],
): Violation[] {
  const ruleNames = rules.map((rule) => rule.alert);
  const docNames = new Set(documented.map((alert) => alert.name));
  return [
    ...documented.filter((alert) => !ruleNames.includes(alert.name)).map((alert) => `${alert.name}: no rule`),
    ...ruleNames.filter((name) => !docNames.has(name)).map((name) => `${name}: not in the doc's table`),
    ...ruleNames
      .filter((name, index) => ruleNames.indexOf(name) !== index)
      .map((name) => `${name}: more than one rule`),
    ...documented
      .filter((alert) => !SEVERITIES.includes(alert.severity))
      .map((alert) => `${alert.name}: severity ${alert.severity}`),
    ...documented.flatMap((alert) => {
      const rule = rules.find((candidate) => candidate.alert === alert.name);
      return rule ? ruleProblems(rule, alert) : [];
    }),
  ];
}

const withoutStrings = (expr: string): string => expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
const PAIRS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** Shallow PromQL sanity: balanced brackets, a comparison, no template braces. Not a parser. */
export function promqlProblems(expr: string): Violation[] {
  const problems: Violation[] = [];
  if (expr.includes('{{')) problems.push('holds a template `{{`');
  const open: string[] = [];
  let balanced = true;
  for (const char of withoutStrings(expr)) {
    if ('([{'.includes(char)) open.push(char);
    else if (char in PAIRS && open.pop() !== PAIRS[char]) balanced = false;
  }
  if (!balanced || open.length > 0) problems.push('unbalanced brackets');
  // Label matchers (`{a!="x"}`) are not comparisons: look outside them.
  const outsideSelectors = withoutStrings(expr).replace(/\{[^{}]*\}/g, '');
  if (!/(?:[<>]=?|==|!=)/.test(outsideSelectors)) problems.push('no comparison: it never fires selectively');
  return problems;
}

/** The metric names an expression reads, of our own namespaces (`ilinks_*`, `http_server_*`). */
export function ownMetricNamesIn(expr: string): string[] {
  const bare = withoutStrings(expr)
    .replace(/\{[^{}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  return [...new Set(bare.match(/\b(?:ilinks|http_server)_[A-Za-z0-9_:]*/g) ?? [])];
}

/** An OpenTelemetry instrument as created in code. */
export interface Instrument {
  readonly kind: string;
  readonly name: string;
  readonly unit?: string;
}

/** The text of the call's arguments from `start` (just after its `(`) to its closing parenthesis. */
function argumentsFrom(source: string, start: number): string {
  let depth = 1;
  for (let index = start; index < source.length; index++) {
    if (source[index] === '(') depth++;
    if (source[index] === ')' && --depth === 0) return source.slice(start, index);
  }
  return source.slice(start);
}

const INSTRUMENT_CALL =
  /\.create(Counter|UpDownCounter|Histogram|Gauge|ObservableGauge|ObservableCounter|ObservableUpDownCounter)\(/g;

/** The instruments a TypeScript source creates with a literal name (`meter.createCounter('…', { unit })`). */
export function instrumentsIn(source: string): Instrument[] {
  return [...source.matchAll(INSTRUMENT_CALL)].flatMap((call) => {
    const args = argumentsFrom(source, (call.index ?? 0) + call[0].length);
    const name = /^\s*'([^']+)'/.exec(args)?.[1];
    const unit = /\bunit:\s*'([^']*)'/.exec(args)?.[1];
    return name ? [{ kind: call[1], name, ...(unit === undefined ? {} : { unit }) }] : [];
  });
}

// The collector's prometheus exporter (add_metric_suffixes, its default): UCUM units become words,
// `{annotations}` vanish; monotonic sums gain `_total`; histograms expose `_bucket`, `_sum`, `_count`.
const UNIT_WORDS: Readonly<Record<string, string>> = {
  s: 'seconds',
  ms: 'milliseconds',
  By: 'bytes',
  '%': 'percent',
};

/** The series names the collector's prometheus exporter exposes for an instrument. */
export function prometheusNamesOf(instrument: Instrument): string[] {
  const base = instrument.name.replace(/[^A-Za-z0-9_:]/g, '_');
  const isGauge = /Gauge|UpDownCounter/.test(instrument.kind);
  const unitWord =
    instrument.unit === '1' && isGauge
      ? 'ratio'
      : (UNIT_WORDS[instrument.unit ?? ''] ?? (instrument.unit ?? '').replace(/\{[^}]*\}/g, ''));
  const named = unitWord && !base.endsWith(`_${unitWord}`) ? `${base}_${unitWord}` : base;
  if (instrument.kind === 'Histogram') return ['_bucket', '_sum', '_count'].map((suffix) => named + suffix);
  if (/^(Observable)?Counter$/.test(instrument.kind)) return [`${named}_total`];
  return [named];
}

const sourceFiles = (root: string): string[] =>
  readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(path))
    .filter((path) => !path.split(/[\\/]/).includes('node_modules'))
    .map((path) => join(root, path));

/** The instruments created in the sources under `roots` (spec files excluded), read as text. */
export function instrumentsInCode(roots: readonly string[]): Instrument[] {
  return roots.flatMap(sourceFiles).flatMap((file) => instrumentsIn(readFileSync(file, 'utf8')));
}

/** Our metric names the rules read that no instrument emits under the exporter's naming. */
export function unknownMetrics(rules: readonly AlertRule[], emitted: ReadonlySet<string>): Violation[] {
  return rules.flatMap((rule) =>
    ownMetricNamesIn(rule.expr)
      .filter((name) => !emitted.has(name))
      .map((name) => `${rule.alert}: no instrument emits ${name}`),
  );
}

/** A ServiceMonitor selects the Service by its labels and scrapes one of its named ports. */
export function serviceIsScraped(
  objects: readonly K8sObject[],
  serviceName: string,
  portName: string,
): Violation[] {
  const service = objects.find((object) => object.kind === 'Service' && object.metadata.name === serviceName);
  if (!service) return [`Service/${serviceName} is not rendered`];
  const labels = service.metadata.labels ?? {};
  const ports = asList(asObject(service['spec'])['ports']).map((port) => asText(asObject(port)['name']));
  if (!ports.includes(portName)) return [`Service/${serviceName} has no port named ${portName}`];
  const scrapes = objects
    .filter((object) => object.kind === 'ServiceMonitor')
    .map((object) => asObject(object['spec']))
    .some((spec) => {
      const wanted = Object.entries(asObject(asObject(spec['selector'])['matchLabels']));
      const selects = wanted.length > 0 && wanted.every(([key, value]) => labels[key] === value);
      const endpoints = asList(spec['endpoints']).map((endpoint) => asObject(endpoint)['port']);
      return selects && endpoints.includes(portName);
    });
  return scrapes ? [] : [`no ServiceMonitor selects Service/${serviceName} and scrapes its port ${portName}`];
}

/**
 * The brokers' own metrics (KafkaUnderReplicated reads them): the `Kafka` resource turns on a
 * metrics exporter, and a PodMonitor selects that cluster's broker pods on Strimzi's metrics port.
 */
export function kafkaBrokersAreScraped(objects: readonly K8sObject[]): Violation[] {
  const kafka = objects.find((object) => object.kind === 'Kafka');
  if (!kafka) return ['no Kafka resource is rendered'];
  const cluster = kafka.metadata.name;
  const problems: Violation[] = [];
  if (asObject(asObject(asObject(kafka['spec'])['kafka'])['metricsConfig'])['type'] === undefined)
    problems.push(`Kafka/${cluster} has no metricsConfig: its brokers expose no metrics`);
  const scraped = objects
    .filter((object) => object.kind === 'PodMonitor')
    .map((object) => asObject(object['spec']))
    .some((spec) => {
      const labels = asObject(asObject(spec['selector'])['matchLabels']);
      const ports = asList(spec['podMetricsEndpoints']).map((endpoint) => asObject(endpoint)['port']);
      return (
        labels['strimzi.io/cluster'] === cluster &&
        labels['strimzi.io/kind'] === 'Kafka' &&
        ports.includes(STRIMZI_METRICS_PORT)
      );
    });
  if (!scraped)
    problems.push(`no PodMonitor scrapes the brokers of Kafka/${cluster} on port ${STRIMZI_METRICS_PORT}`);
  return problems;
}

/** The name Strimzi gives its brokers' metrics port (9404). */
export const STRIMZI_METRICS_PORT = 'tcp-prometheus';

/**
 * The alerts group by `service_name`: the collector's prometheus exporter must copy resource
 * attributes (`service.name`) into labels, or that label does not exist (only `job` would).
 */
export function collectorLabelsServiceName(objects: readonly K8sObject[]): Violation[] {
  const configMap = objects.find(
    (object) => object.kind === 'ConfigMap' && object.metadata.name.startsWith('otel-collector'),
  );
  const config: unknown = parse(asText(asObject(configMap?.['data'])['config.yaml']) || '{}');
  const conversion = asObject(
    asObject(asObject(asObject(config)['exporters'])['prometheus'])['resource_to_telemetry_conversion'],
  );
  return conversion['enabled'] === true
    ? []
    : [
        'otel-collector: the prometheus exporter needs resource_to_telemetry_conversion.enabled (label service_name)',
      ];
}
