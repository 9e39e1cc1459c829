import type { ReadinessCheck } from '@ilinks/platform/observability';

/** Injection token of the base URLs of the services behind the gateway, by service name. */
export const BACKEND_SERVICES = 'ilinks:backend-services';

export type BackendServices = Readonly<Record<string, string>>;

/** The gateway is ready when every service it calls answers its own readiness probe. */
export function backendReadinessChecks(services: BackendServices): ReadinessCheck[] {
  return Object.entries(services).map(([name, url]) => ({
    name,
    async check() {
      const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1500) });
      if (!response.ok) throw new Error(`${name} is not ready (${response.status})`);
    },
  }));
}
