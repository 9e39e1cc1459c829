import { BODY_SIZE_ANNOTATION, bytesOf, gatewayIsExposed } from './gateway-ingress-rules';
import { at } from './manifest-rules';
import { type K8sObject, renderKustomization } from './render-manifests';

const overlays = {
  prod: renderKustomization('k8s/overlays/prod'),
  dev: renderKustomization('k8s/overlays/dev'),
};
const prod = overlays.prod;

/** A copy of the prod render with the gateway's Ingress changed. */
function withIngress(change: (ingress: Record<string, unknown>) => void): K8sObject[] {
  const copy = structuredClone(prod) as K8sObject[];
  const ingress = copy.find((o) => o.kind === 'Ingress' && o.metadata.name === 'gateway');
  if (!ingress) throw new Error('Ingress/gateway is not rendered');
  change(ingress as unknown as Record<string, unknown>);
  return copy;
}
const firstPath = (ingress: unknown): Record<string, unknown> =>
  at(ingress, 'spec', 'rules', 0, 'http', 'paths', 0) as Record<string, unknown>;

describe.each(Object.entries(overlays))('k8s/overlays/%s', (_, objects) => {
  it('exposes the gateway through an Ingress with TLS', () => expect(gatewayIsExposed(objects)).toEqual([]));
});

describe('the hosts', () => {
  const host = (objects: K8sObject[]): unknown =>
    at(
      objects.find((o) => o.kind === 'Ingress'),
      'spec',
      'rules',
      0,
      'host',
    );
  it('keep the placeholder in dev', () => expect(host(overlays.dev)).toBe('ilinks.example.org'));
  it('are set by the prod overlay', () => expect(host(prod)).not.toBe('ilinks.example.org'));
});

describe('bytesOf', () => {
  it('reads the nginx way', () => expect(bytesOf('8m')).toBe(8 * 1024 * 1024));
  it('reads the body-parser way', () => expect(bytesOf('8mb')).toBe(8 * 1024 * 1024));
  it('reads kilobytes', () => expect(bytesOf('512k')).toBe(512 * 1024));
  it('reads plain bytes', () => expect(bytesOf('100')).toBe(100));
  it('refuses anything else', () => expect(bytesOf('lots')).toBeUndefined());
  it('refuses nothing', () => expect(bytesOf(undefined)).toBeUndefined());
});

describe('gatewayIsExposed fails on a broken manifest', () => {
  it('no Ingress', () =>
    expect(gatewayIsExposed(prod.filter((o) => o.kind !== 'Ingress'))).toEqual([
      'Ingress for the gateway: missing',
    ]));
  it('no ingress class', () =>
    expect(
      gatewayIsExposed(withIngress((o) => delete (o['spec'] as Record<string, unknown>)['ingressClassName'])),
    ).toEqual(['Ingress/gateway: needs an ingressClassName']));
  it('a backend on another Service', () =>
    expect(
      gatewayIsExposed(
        withIngress(
          (o) => ((at(firstPath(o), 'backend', 'service') as Record<string, unknown>)['name'] = 'consent'),
        ),
      ),
    ).toEqual(["Ingress/gateway: every path must lead to the gateway Service's port"]));
  it('a backend on a port the Service lacks', () =>
    expect(
      gatewayIsExposed(
        withIngress(
          (o) =>
            ((at(firstPath(o), 'backend', 'service') as Record<string, unknown>)['port'] = { number: 9090 }),
        ),
      ),
    ).toEqual(["Ingress/gateway: every path must lead to the gateway Service's port"]));
  it('no TLS', () =>
    expect(
      gatewayIsExposed(withIngress((o) => delete (o['spec'] as Record<string, unknown>)['tls'])),
    ).toEqual(['Ingress/gateway: needs TLS (a secretName) for every host']));
  it('TLS for another host than the rule', () =>
    expect(
      gatewayIsExposed(
        withIngress(
          (o) => ((at(o, 'spec', 'tls', 0) as Record<string, unknown>)['hosts'] = ['elsewhere.example.org']),
        ),
      ),
    ).toEqual(['Ingress/gateway: needs TLS (a secretName) for every host']));
  it('a body size cap below the gateway limit', () =>
    expect(
      gatewayIsExposed(
        withIngress(
          (o) => ((at(o, 'metadata', 'annotations') as Record<string, unknown>)[BODY_SIZE_ANNOTATION] = '1m'),
        ),
      ),
    ).toEqual([
      `Ingress/gateway: ${BODY_SIZE_ANNOTATION} must be at least the gateway's ILINKS_HTTP_BODY_LIMIT`,
    ]));
  it('no body size cap (nginx would refuse bodies above 1m)', () =>
    expect(
      gatewayIsExposed(
        withIngress(
          (o) => delete (at(o, 'metadata', 'annotations') as Record<string, unknown>)[BODY_SIZE_ANNOTATION],
        ),
      ),
    ).toEqual([
      `Ingress/gateway: ${BODY_SIZE_ANNOTATION} must be at least the gateway's ILINKS_HTTP_BODY_LIMIT`,
    ]));
});
