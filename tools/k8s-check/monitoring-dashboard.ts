import { type Violation, type Loose, asList, asObject, asText } from './manifest-rules';
import { ownMetricNamesIn } from './monitoring-rules';
import type { K8sObject } from './render-manifests';

/** The label kube-prometheus-stack's Grafana sidecar selects dashboard ConfigMaps by. */
export const DASHBOARD_LABEL = 'grafana_dashboard';
/** Every panel and query reads the dashboard's Prometheus variable, never a fixed datasource uid. */
export const DATASOURCE_VARIABLE = '${datasource}';

/** A Grafana dashboard as parsed from its JSON model, read loosely. */
export interface Dashboard {
  readonly title?: unknown;
  readonly panels?: unknown;
  readonly templating?: unknown;
  readonly [field: string]: unknown;
}

/** One panel, read loosely: checks take the fields they need. */
export type Panel = Readonly<Loose>;

/** The ConfigMaps the Grafana sidecar loads: labelled `grafana_dashboard: "1"`. */
export function dashboardConfigMaps(objects: readonly K8sObject[]): K8sObject[] {
  return objects.filter(
    (object) => object.kind === 'ConfigMap' && object.metadata.labels?.[DASHBOARD_LABEL] === '1',
  );
}

/** The dashboards a ConfigMap holds, one per `*.json` data key; throws on invalid JSON. */
export function dashboardsIn(configMap: K8sObject): Dashboard[] {
  return Object.entries(asObject(configMap['data']))
    .filter(([key]) => key.endsWith('.json'))
    .map(([, json]) => asObject(JSON.parse(asText(json))) as Dashboard);
}

/** Every panel, rows included, and the panels a collapsed row holds. */
export function panelsOf(dashboard: Dashboard): Panel[] {
  return asList(dashboard.panels)
    .map(asObject)
    .flatMap((panel) => [panel, ...asList(panel['panels']).map(asObject)]);
}

const isRow = (panel: Panel): boolean => panel['type'] === 'row';
const nameOf = (panel: Panel): string => asText(panel['title']) || `panel ${String(panel['id'])}`;
const targetsOf = (panel: Panel): Loose[] => asList(panel['targets']).map(asObject);

/** Every panel has a title; every panel but a row has at least one query. */
export function panelsWithoutTitleOrTarget(dashboard: Dashboard): Violation[] {
  return panelsOf(dashboard).flatMap((panel) => [
    ...(asText(panel['title']).trim() ? [] : [`panel ${String(panel['id'])}: no title`]),
    ...(isRow(panel) || targetsOf(panel).length > 0 ? [] : [`${nameOf(panel)}: no target`]),
  ]);
}

/** Panel ids are unique across the dashboard (Grafana links and repeats rely on them). */
export function duplicatePanelIds(dashboard: Dashboard): Violation[] {
  const ids = panelsOf(dashboard).map((panel) => panel['id']);
  return ids
    .filter((id, index) => ids.indexOf(id) !== index)
    .map((id) => `panel id ${String(id)} is used more than once`);
}

const readsTheVariable = (datasource: unknown): boolean =>
  asObject(datasource)['uid'] === DATASOURCE_VARIABLE;

/**
 * Every panel but a row, and every query that names one, reads `${datasource}`: a fixed uid
 * works only in the Grafana it was exported from.
 */
export function panelsOffTheDatasourceVariable(dashboard: Dashboard): Violation[] {
  return panelsOf(dashboard)
    .filter((panel) => !isRow(panel))
    .flatMap((panel) => [
      ...(readsTheVariable(panel['datasource'])
        ? []
        : [`${nameOf(panel)}: datasource is not ${DATASOURCE_VARIABLE}`]),
      ...targetsOf(panel)
        .filter((target) => target['datasource'] !== undefined && !readsTheVariable(target['datasource']))
        .map(
          (target) => `${nameOf(panel)} ${asText(target['refId'])}: datasource is not ${DATASOURCE_VARIABLE}`,
        ),
    ]);
}

/** The dashboard declares the `datasource` variable as a Prometheus datasource picker. */
export function declaresDatasourceVariable(dashboard: Dashboard): Violation[] {
  const declared = asList(asObject(dashboard.templating)['list'])
    .map(asObject)
    .some(
      (variable) =>
        variable['name'] === 'datasource' &&
        variable['type'] === 'datasource' &&
        variable['query'] === 'prometheus',
    );
  return declared ? [] : ['no `datasource` variable of type datasource for prometheus'];
}

/** Every PromQL expression of the dashboard, named: its panels' queries and its variables' queries. */
export function expressionsOf(dashboard: Dashboard): { readonly where: string; readonly expr: string }[] {
  const panelQueries = panelsOf(dashboard).flatMap((panel) =>
    targetsOf(panel).map((target) => ({
      where: `${nameOf(panel)} ${asText(target['refId'])}`,
      expr: asText(target['expr']),
    })),
  );
  const variableQueries = asList(asObject(dashboard.templating)['list'])
    .map(asObject)
    .filter((variable) => variable['type'] === 'query')
    .map((variable) => ({
      where: `variable ${asText(variable['name'])}`,
      expr: asText(asObject(variable['query'])['query']) || asText(variable['query']),
    }));
  return [...panelQueries, ...variableQueries];
}

/** Our metric names (`ilinks_*`, `http_server_*`) the dashboard reads that no instrument emits. */
export function unknownDashboardMetrics(dashboard: Dashboard, emitted: ReadonlySet<string>): Violation[] {
  return expressionsOf(dashboard).flatMap(({ where, expr }) =>
    ownMetricNamesIn(expr)
      .filter((name) => !emitted.has(name))
      .map((name) => `${where}: no instrument emits ${name}`),
  );
}

/** An alert's expression without its final threshold comparison: what a panel plots. */
export function withoutThreshold(alertExpr: string): string {
  return alertExpr.replace(/\s*(?:[<>]=?|==|!=)\s*[0-9.]+$/, '');
}
