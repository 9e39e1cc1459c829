import { join } from 'node:path';
import {
  type Dashboard,
  type Panel,
  dashboardConfigMaps,
  dashboardsIn,
  declaresDatasourceVariable,
  duplicatePanelIds,
  expressionsOf,
  panelsOf,
  panelsOffTheDatasourceVariable,
  panelsWithoutTitleOrTarget,
  unknownDashboardMetrics,
  withoutThreshold,
} from './monitoring-dashboard';
import { alertRulesOf, instrumentsInCode, prometheusNamesOf } from './monitoring-rules';
import { type K8sObject, REPO_ROOT, renderKustomization } from './render-manifests';

const prod = renderKustomization('k8s/overlays/prod');
const dev = renderKustomization('k8s/overlays/dev');
const emitted = new Set(
  instrumentsInCode([join(REPO_ROOT, 'libs'), join(REPO_ROOT, 'apps')]).flatMap(prometheusNamesOf),
);
const configMaps = dashboardConfigMaps(prod);
const [dashboard] = configMaps.flatMap(dashboardsIn);

type Editable = Record<string, unknown> & { targets: Record<string, unknown>[] };
/** A copy of the dashboard with its panel `id` changed. */
function withPanel(id: number, change: (panel: Editable) => void): Dashboard {
  const copy = structuredClone(dashboard);
  const panel = panelsOf(copy).find((candidate) => candidate['id'] === id);
  if (!panel) throw new Error(`no panel ${id}`);
  change(panel as Editable);
  return copy;
}
const titled = (title: string): Panel | undefined =>
  panelsOf(dashboard).find((panel) => String(panel['title']).startsWith(title));
const exprsOf = (panel: Panel | undefined): string[] =>
  ((panel?.['targets'] ?? []) as { expr: string }[]).map((target) => target.expr);

describe('the Grafana dashboard in the prod overlay', () => {
  it('ships as one ConfigMap labelled for the Grafana sidecar, in the ilinks namespace', () => {
    expect(configMaps.map((object: K8sObject) => object.metadata)).toEqual([
      expect.objectContaining({ name: 'grafana-dashboard-ilinks', namespace: 'ilinks' }),
    ]);
    expect(dashboard).toMatchObject({ uid: 'ilinks-overview', schemaVersion: 39 });
  });
  it('has the rows Traffic, Errors, Messaging, Audit, Identity', () =>
    expect(
      panelsOf(dashboard)
        .filter((p) => p['type'] === 'row')
        .map((p) => p['title']),
    ).toEqual(['Traffic', 'Errors', 'Messaging', 'Audit', 'Identity']));
  it('gives every panel a title and a query', () =>
    expect(panelsWithoutTitleOrTarget(dashboard)).toEqual([]));
  it('reads only ilinks_* and http_server_* metrics the code emits', () => {
    expect(expressionsOf(dashboard).length).toBeGreaterThanOrEqual(12);
    expect(unknownDashboardMetrics(dashboard, emitted)).toEqual([]);
  });
  it('reads every panel through the ${datasource} variable', () => {
    expect(declaresDatasourceVariable(dashboard)).toEqual([]);
    expect(panelsOffTheDatasourceVariable(dashboard)).toEqual([]);
  });
  it('uses each panel id once', () => expect(duplicatePanelIds(dashboard)).toEqual([]));
  it("plots the IdentityReviewShare alert's expression as the review share", () => {
    const alert = alertRulesOf(prod).find((rule) => rule.alert === 'IdentityReviewShare');
    expect(exprsOf(titled('Share of records sent to review'))).toEqual([withoutThreshold(alert?.expr ?? '')]);
  });
});

describe('the dev overlay', () => {
  it('deploys no dashboard (dev clusters usually lack Grafana)', () =>
    expect(dashboardConfigMaps(dev)).toEqual([]));
});

describe('each dashboard check fails on a broken copy', () => {
  it('a panel without a title', () =>
    expect(panelsWithoutTitleOrTarget(withPanel(2, (panel) => delete panel['title']))).toEqual([
      'panel 2: no title',
    ]));
  it('a panel without a query (a row needs none)', () =>
    expect(panelsWithoutTitleOrTarget(withPanel(9, (panel) => (panel.targets = [])))).toEqual([
      'Relay lag: no target',
    ]));
  it('a metric no instrument emits, e.g. a histogram without its unit', () =>
    expect(
      unknownDashboardMetrics(
        withPanel(10, (panel) => (panel.targets[0]['expr'] = 'rate(ilinks_relay_publish_lag_bucket[5m])')),
        emitted,
      ),
    ).toEqual(['Relay publish lag p99 A: no instrument emits ilinks_relay_publish_lag_bucket']));
  it('a variable reading a metric no instrument emits', () => {
    const copy = structuredClone(dashboard) as { templating: { list: { query: unknown }[] } };
    copy.templating.list[1].query = { query: 'label_values(ilinks_http_requests_total, service_name)' };
    expect(unknownDashboardMetrics(copy, emitted)).toEqual([
      'variable service: no instrument emits ilinks_http_requests_total',
    ]);
  });
  it('a panel or a query on a fixed datasource uid', () => {
    const fixed = { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' };
    expect(panelsOffTheDatasourceVariable(withPanel(5, (panel) => (panel['datasource'] = fixed)))).toEqual([
      'Server error (5xx) ratio by service: datasource is not ${datasource}',
    ]);
    expect(
      panelsOffTheDatasourceVariable(withPanel(5, (panel) => (panel.targets[0]['datasource'] = fixed))),
    ).toEqual(['Server error (5xx) ratio by service A: datasource is not ${datasource}']);
  });
  it('no datasource variable', () => {
    const copy = structuredClone(dashboard) as { templating: { list: unknown[] } };
    copy.templating.list = copy.templating.list.slice(1);
    expect(declaresDatasourceVariable(copy)).toEqual([
      'no `datasource` variable of type datasource for prometheus',
    ]);
  });
  it('a panel id used twice', () =>
    expect(duplicatePanelIds(withPanel(16, (panel) => (panel['id'] = 15)))).toEqual([
      'panel id 15 is used more than once',
    ]));
  it('a collapsed row hides no panel from the checks', () => {
    const collapsed = {
      panels: [{ id: 1, type: 'row', title: 'Row', collapsed: true, panels: [{ id: 1, title: 'Inner' }] }],
    };
    expect(panelsWithoutTitleOrTarget(collapsed)).toEqual(['Inner: no target']);
    expect(duplicatePanelIds(collapsed)).toEqual(['panel id 1 is used more than once']);
  });
  it('an overlay including the monitoring component (the dev check would fail on it)', () =>
    expect(dashboardConfigMaps(prod)).not.toEqual([]));
  it('a dashboard ConfigMap without the sidecar label is not found', () =>
    expect(
      dashboardConfigMaps(
        configMaps.map((object) => ({ ...object, metadata: { ...object.metadata, labels: {} } })),
      ),
    ).toEqual([]));
  it('a dashboard file that is not JSON', () =>
    expect(() => dashboardsIn({ ...configMaps[0], data: { 'x.json': '{' } })).toThrow());
  it('strips only the final threshold of an alert expression', () =>
    expect(withoutThreshold('sum(x{a="b"}) / sum(y) > 0.1')).toBe('sum(x{a="b"}) / sum(y)'));
});
