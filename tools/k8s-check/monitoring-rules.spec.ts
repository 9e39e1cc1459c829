import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AlertRule,
  alertRulesOf,
  collectorLabelsServiceName,
  documentedAlerts,
  instrumentsIn,
  instrumentsInCode,
  kafkaBrokersAreScraped,
  ownMetricNamesIn,
  prometheusNamesOf,
  promqlProblems,
  rulesMatchTheDoc,
  sectionOf,
  serviceIsScraped,
  unknownMetrics,
} from './monitoring-rules';
import { type K8sObject, REPO_ROOT, renderKustomization } from './render-manifests';

const prod = renderKustomization('k8s/overlays/prod');
const dev = renderKustomization('k8s/overlays/dev');
const alertSection = sectionOf(readFileSync(join(REPO_ROOT, 'docs', 'operations.md'), 'utf8'), 11);
const documented = documentedAlerts(alertSection);
const rules = alertRulesOf(prod);
// The emitted names are derived by reading the instrument calls in the sources: the instrument
// names are literals inside factories (platform-metrics.ts, runtime-metrics.ts, identity-metrics.ts),
// not exported constants.
const emitted = new Set(
  instrumentsInCode([join(REPO_ROOT, 'libs'), join(REPO_ROOT, 'apps')]).flatMap(prometheusNamesOf),
);

const objectsOf = (objects: readonly K8sObject[], kind: string): K8sObject[] =>
  objects.filter((object) => object.kind === kind);
const changedRule = (alert: string, change: Partial<AlertRule>): AlertRule[] =>
  rules.map((rule) => (rule.alert === alert ? { ...rule, ...change } : rule));

describe('k8s/components/monitoring in the prod overlay', () => {
  it('scrapes the collector Service by its labels on its named metrics port', () =>
    expect(serviceIsScraped(prod, 'otel-collector', 'prometheus')).toEqual([]));
  it('holds exactly the alerts of the docs/operations.md §11 table, as documented', () => {
    expect(documented.length).toBeGreaterThanOrEqual(13);
    expect(rulesMatchTheDoc(rules, documented)).toEqual([]);
  });
  it.each(documented.map((alert) => [alert.name, alert.expr]))('%s: a sane PromQL expression', (_, expr) =>
    expect(promqlProblems(expr)).toEqual([]),
  );
  it('reads only ilinks_* and http_server_* metrics the code emits', () =>
    expect(unknownMetrics(rules, emitted)).toEqual([]));
  it("scrapes the Kafka brokers' own metrics (KafkaUnderReplicated)", () =>
    expect(kafkaBrokersAreScraped(prod)).toEqual([]));
  it('relies on a collector that labels series with service_name', () =>
    expect(collectorLabelsServiceName(prod)).toEqual([]));
  it('validates against the Prometheus Operator schemas', () => {
    const [rule] = objectsOf(prod, 'PrometheusRule');
    const [monitor] = objectsOf(prod, 'ServiceMonitor');
    expect(() => new PrometheusRule(rule as never).validate()).not.toThrow();
    expect(() => new ServiceMonitor(monitor as never).validate()).not.toThrow();
  });
});

describe('the dev overlay', () => {
  it('deploys no PrometheusRule or ServiceMonitor (dev clusters lack the operator)', () => {
    expect(objectsOf(dev, 'PrometheusRule')).toEqual([]);
    expect(objectsOf(dev, 'ServiceMonitor')).toEqual([]);
  });
});

describe("the exporter's naming, derived from the code", () => {
  it('finds the platform, runtime and identity instruments', () =>
    expect([...emitted]).toEqual(
      expect.arrayContaining([
        'ilinks_http_server_requests_total',
        'http_server_request_duration_seconds_bucket',
        'ilinks_messaging_consumer_lag',
        'ilinks_relay_lag',
        'ilinks_relay_publish_lag_seconds_bucket',
        'ilinks_messaging_dead_lettered_total',
        'ilinks_identity_link_decisions_total',
        'ilinks_identity_candidates_count',
      ]),
    ));
  it('reads the name and unit of a call spanning lines', () =>
    expect(
      instrumentsIn(
        `meter.createHistogram('a.b', {\n  description: 'x (y)',\n  unit: 's',\n  advice: {},\n})`,
      ),
    ).toEqual([{ kind: 'Histogram', name: 'a.b', unit: 's' }]));
  it('drops {annotation} units and adds _total to counters', () =>
    expect(prometheusNamesOf({ kind: 'Counter', name: 'x.y', unit: '{message}' })).toEqual(['x_y_total']));
  it('keeps a gauge bare and names a ratio', () =>
    expect(prometheusNamesOf({ kind: 'ObservableGauge', name: 'x.share', unit: '1' })).toEqual([
      'x_share_ratio',
    ]));
  it('does not repeat a unit already in the name', () =>
    expect(prometheusNamesOf({ kind: 'Histogram', name: 'x_seconds', unit: 's' })).toEqual([
      'x_seconds_bucket',
      'x_seconds_sum',
      'x_seconds_count',
    ]));
  it('tells metric names from label names in an expression', () =>
    expect(ownMetricNamesIn('max by (ilinks_relay)(ilinks_relay_lag{ilinks_x="ilinks_y"}[5m]) > 1')).toEqual([
      'ilinks_relay_lag',
    ]));
});

describe('each monitoring check fails on a broken copy', () => {
  it('brokers without metrics, and no PodMonitor for them', () => {
    const objects = structuredClone(prod) as K8sObject[];
    const kafka = objects.find((object) => object.kind === 'Kafka') as unknown as {
      spec: { kafka: Record<string, unknown> };
    };
    delete kafka.spec.kafka['metricsConfig'];
    const withoutMonitor = objects.filter((object) => object.kind !== 'PodMonitor');
    expect(kafkaBrokersAreScraped(withoutMonitor)).toEqual([
      'Kafka/ilinks has no metricsConfig: its brokers expose no metrics',
      'no PodMonitor scrapes the brokers of Kafka/ilinks on port tcp-prometheus',
    ]);
  });
  it('a PodMonitor selecting another cluster', () => {
    const objects = structuredClone(prod) as K8sObject[];
    const [monitor] = objectsOf(objects, 'PodMonitor') as unknown as {
      spec: { selector: { matchLabels: Record<string, string> } };
    }[];
    monitor.spec.selector.matchLabels['strimzi.io/cluster'] = 'other';
    expect(kafkaBrokersAreScraped(objects)).toEqual([
      'no PodMonitor scrapes the brokers of Kafka/ilinks on port tcp-prometheus',
    ]);
  });
  it('a ServiceMonitor selecting other labels', () => {
    const objects = structuredClone(prod);
    const [monitor] = objectsOf(objects, 'ServiceMonitor') as unknown as { spec: { selector: unknown } }[];
    monitor.spec.selector = { matchLabels: { 'app.kubernetes.io/name': 'otel' } };
    expect(serviceIsScraped(objects, 'otel-collector', 'prometheus')).toEqual([
      'no ServiceMonitor selects Service/otel-collector and scrapes its port prometheus',
    ]);
  });
  it('a ServiceMonitor scraping a port the Service does not name', () =>
    expect(serviceIsScraped(prod, 'otel-collector', 'metrics')).toEqual([
      'Service/otel-collector has no port named metrics',
    ]));
  it('an alert missing from the rules, and one the doc does not know', () => {
    const renamed = changedRule('DiskFilling', { alert: 'DiskFull' });
    expect(rulesMatchTheDoc(renamed, documented)).toEqual([
      'DiskFilling: no rule',
      "DiskFull: not in the doc's table",
    ]);
  });
  it('a rule whose expression, for or severity drifted from the doc', () => {
    const rule = rules.find((candidate) => candidate.alert === 'ServiceDown') as AlertRule;
    const drifted = changedRule('ServiceDown', {
      expr: `${rule.expr} + 0`,
      for: '5m',
      labels: { ...rule.labels, severity: 'warning' },
    });
    expect(rulesMatchTheDoc(drifted, documented)).toEqual([
      'ServiceDown: expr differs from the doc',
      'ServiceDown: for 5m ≠ 2m in the doc',
      'ServiceDown: severity warning ≠ critical in the doc',
    ]);
  });
  it('a rule without summary, with another description and no runbook', () => {
    const drifted = changedRule('DeadLetters', { annotations: { description: 'something else' } });
    expect(rulesMatchTheDoc(drifted, documented)).toEqual([
      'DeadLetters: no summary',
      "DeadLetters: description differs from the doc's meaning and first action",
      'DeadLetters: runbook_url must end in /docs/operations.md#11-metrics-and-alerts',
    ]);
  });
  it('a doc row without `for`', () =>
    expect(() =>
      documentedAlerts(
        '| alert | severity | expression | meaning |\n| - | - | - | - |\n| X | warning | `up > 0` | m |',
      ),
    ).toThrow('alert X'));
  it('an expression with unbalanced brackets', () =>
    expect(promqlProblems('sum(rate(x[5m]) > 1')).toEqual(['unbalanced brackets']));
  it('an expression without a comparison (a bracket inside a string does not count)', () =>
    expect(promqlProblems('sum(x{a!="(b"})')).toEqual(['no comparison: it never fires selectively']));
  it('an expression holding a template', () =>
    expect(promqlProblems('x > {{ $threshold }}')).toEqual(['holds a template `{{`']));
  it('a metric no instrument emits, e.g. a counter without _total', () => {
    const wrong = changedRule('DeadLetters', { expr: 'increase(ilinks_messaging_dead_lettered[15m]) > 0' });
    expect(unknownMetrics(wrong, emitted)).toEqual([
      'DeadLetters: no instrument emits ilinks_messaging_dead_lettered',
    ]);
  });
  it('a collector that leaves service.name in job only', () => {
    const objects = structuredClone(prod);
    const config = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('otel-collector'),
    );
    const data = (config as unknown as { data: Record<string, string> }).data;
    data['config.yaml'] = data['config.yaml'].replace(/enabled: true/, 'enabled: false');
    expect(collectorLabelsServiceName(objects)).toHaveLength(1);
  });
  it('a rule the Prometheus Operator schema refuses', () => {
    const [rule] = structuredClone(objectsOf(prod, 'PrometheusRule')) as unknown as {
      spec: { groups: { rules: Record<string, unknown>[] }[] };
    }[];
    rule.spec.groups[0].rules[0]['labels'] = { severity: 3 };
    expect(() => new PrometheusRule(rule as never).validate()).toThrow();
  });
});
