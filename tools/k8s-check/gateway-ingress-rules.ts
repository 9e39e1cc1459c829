import { asList, at } from './manifest-rules';
import type { K8sObject } from './render-manifests';

/** The nginx annotation capping request bodies. */
export const BODY_SIZE_ANNOTATION = 'nginx.ingress.kubernetes.io/proxy-body-size';

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Bytes in a size written the nginx (`8m`) or body-parser (`8mb`) way; `undefined` when unreadable. */
export function bytesOf(size: unknown): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$/i.exec(String(size ?? ''));
  if (!match) return undefined;
  return Number(match[1]) * UNITS[match[2].toLowerCase()];
}

const find = (objects: readonly K8sObject[], kind: string, name: string): K8sObject | undefined =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);

/** Whether an Ingress backend names the Service and one of its ports (by name or number). */
function reachesService(backend: unknown, service: K8sObject): boolean {
  if (at(backend, 'service', 'name') !== service.metadata.name) return false;
  const wanted = at(backend, 'service', 'port');
  return asList(at(service, 'spec', 'ports')).some(
    (port) => port['name'] === at(wanted, 'name') || port['port'] === at(wanted, 'number'),
  );
}

/**
 * Partners reach the gateway: an Ingress with a class, every path to the gateway Service's port,
 * TLS from a Secret covering each host, and a body size cap no lower than the gateway's own limit.
 */
export function gatewayIsExposed(objects: readonly K8sObject[]): string[] {
  const ingress = objects.find(
    (o) => o.kind === 'Ingress' && at(o, 'metadata', 'labels', 'app.kubernetes.io/name') === 'gateway',
  );
  if (!ingress) return ['Ingress for the gateway: missing'];
  const here = `Ingress/${ingress.metadata.name}`;
  const problems: string[] = [];
  if (typeof at(ingress, 'spec', 'ingressClassName') !== 'string')
    problems.push(`${here}: needs an ingressClassName`);
  const service = find(objects, 'Service', 'gateway');
  const rules = asList(at(ingress, 'spec', 'rules'));
  const paths = rules.flatMap((rule) => asList(at(rule, 'http', 'paths')));
  if (!service || paths.length === 0 || !paths.every((path) => reachesService(path['backend'], service)))
    problems.push(`${here}: every path must lead to the gateway Service's port`);
  const tls = asList(at(ingress, 'spec', 'tls'));
  const covered = new Set(
    tls
      .filter((entry) => typeof entry['secretName'] === 'string')
      .flatMap((entry) => (Array.isArray(entry['hosts']) ? entry['hosts'].map(String) : [])),
  );
  const hosts = rules.map((rule) => rule['host']);
  if (hosts.length === 0 || !hosts.every((host) => typeof host === 'string' && covered.has(host)))
    problems.push(`${here}: needs TLS (a secretName) for every host`);
  const limit = bytesOf(at(find(objects, 'ConfigMap', 'gateway'), 'data', 'ILINKS_HTTP_BODY_LIMIT'));
  const cap = bytesOf(at(ingress, 'metadata', 'annotations', BODY_SIZE_ANNOTATION));
  if (limit === undefined || cap === undefined || cap < limit)
    problems.push(`${here}: ${BODY_SIZE_ANNOTATION} must be at least the gateway's ILINKS_HTTP_BODY_LIMIT`);
  return problems;
}
