import { AUDIT_RECORDS_TOPIC } from '@ilinks/audit/contracts';
import { DevTokenIssuer, type Role } from '@ilinks/platform/security';
import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { auditEventOnceRecorded, recordIdOf } from './support/audit-trail-reader';
import { GatewayCaller, type Json } from './support/gateway-client';
import { integrationServices, skipBacklog } from './support/infra';
import {
  buildApps,
  bundleOf,
  DEPLOYED_APPS,
  type DeployedApp,
  type DeployedService,
  externalPackagesOf,
  localSettingsOf,
  PackagedApp,
  packagesMissingFromProduction,
  productionDependencies,
  removeStagingFolder,
  renderedConfigMaps,
  stagingFolder,
} from './support/packaged-apps';
import { freePort } from './support/platform-process';
import { allergy, nhsNumberFrom, partnerPatient } from './support/record-fixtures';
import { organisationForThisRun } from './support/registrations';

// What the images run, as a Kubernetes deployment runs it: every app built by Nx (the Dockerfile's
// build stage), each bundle started alone from a folder of its own with its dev-overlay ConfigMap
// (cluster addresses replaced by local ones), the seven processes talking over HTTP and real Kafka,
// views in the MongoDB-wire server, tokens from an organisation's own issuer through its JWKS.
// EventStoreDB cannot run here: each service keeps its events in SQLite under its data dir.

const SERVICES = DEPLOYED_APPS.filter((app): app is DeployedService => app !== 'gateway');
const ISSUER = 'https://issuer.packaged-apps.test';
const AUDIENCE = 'ilinks-gateway';
// A consumer group may wait for a member an earlier suite left behind to time out (30 s session).
const CONSUMERS_JOIN_WITHIN_MS = 180_000;

describe('the packaged apps on real Kafka and a MongoDB-wire server', () => {
  const run = randomUUID().slice(0, 8);
  const apps = new Map<DeployedApp, PackagedApp>();
  const urls = new Map<DeployedApp, string>();
  const prepared = new Map<DeployedService, { code: number; output: string }>();
  let staging: string;
  let issuer: DevTokenIssuer;
  let jwks: Server;

  beforeAll(async () => {
    buildApps(DEPLOYED_APPS);
    staging = stagingFolder();
    issuer = new DevTokenIssuer({ dataDir: join(staging, 'issuer'), issuer: ISSUER, audience: AUDIENCE });
    jwks = await serveJwks(issuer);
    const ports = new Map<DeployedApp, number>();
    for (const app of DEPLOYED_APPS) {
      const port = await freePort();
      ports.set(app, port);
      urls.set(app, `http://127.0.0.1:${port}`);
    }
    const configMaps = renderedConfigMaps();
    const { kafkaBrokers, mongoUrl } = integrationServices();
    const serviceUrls = Object.fromEntries(SERVICES.map((s) => [s, urls.get(s)])) as Record<
      DeployedService,
      string
    >;
    await skipBacklog('audit', AUDIT_RECORDS_TOPIC);
    const settingsOf = new Map<DeployedApp, Record<string, string>>();
    for (const app of DEPLOYED_APPS) {
      const configMap = configMaps.get(app);
      if (configMap === undefined) throw new Error(`no ConfigMap ${app} in the dev overlay`);
      const dataDir = join(staging, 'data', app);
      mkdirSync(dataDir, { recursive: true });
      const settings = localSettingsOf(configMap, {
        httpPort: ports.get(app) ?? 0,
        dataDir,
        kafkaBrokers,
        mongoUrl,
        databaseSuffix: `packaged_${run}`,
        serviceUrls,
      });
      if (app === 'gateway')
        Object.assign(settings, {
          ILINKS_AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
          ILINKS_AUTH_ISSUER: ISSUER,
          ILINKS_AUTH_AUDIENCE: AUDIENCE,
        });
      settingsOf.set(app, settings);
      apps.set(app, PackagedApp.stage(app, staging));
    }
    // The prepare Jobs run before the Deployments' pods: indexes made, topics checked.
    for (const service of SERVICES) {
      const app = apps.get(service);
      app?.start(settingsOf.get(service) ?? {}, ['prepare']);
      prepared.set(service, { code: (await app?.exited(120_000)) ?? -1, output: app?.logs ?? '' });
    }
    for (const app of DEPLOYED_APPS) apps.get(app)?.start(settingsOf.get(app) ?? {});
    await Promise.all(DEPLOYED_APPS.map((app) => apps.get(app)?.ready(urls.get(app) ?? '', 90_000)));
  }, 600_000);

  afterAll(async () => {
    for (const app of apps.values()) app.kill();
    await new Promise((closed) => jwks?.close(closed));
    if (staging) removeStagingFolder(staging);
  });

  it.each(DEPLOYED_APPS)(
    'the %s bundle loads only packages an image holds (production dependencies and Node built-ins)',
    (app) => {
      const externals = externalPackagesOf(bundleOf(app));
      expect(externals).toContain('@nestjs/core');
      expect(packagesMissingFromProduction(externals, productionDependencies())).toEqual([]);
    },
  );

  it.each(SERVICES)(
    '`main.js prepare` of %s (its prepare Job) makes its views and checks its topics, then exits 0',
    (service) => {
      const { code, output } = prepared.get(service) ?? { code: -1, output: '' };
      expect({ code, output }).toMatchObject({ code: 0 });
      const report = JSON.parse(output.trim().split('\n').pop() ?? '{}') as Json;
      expect(report['service']).toBe(service);
      expect((report['collections'] as Json[]).length).toBeGreaterThan(1);
      expect(report['topics']).toEqual(expect.arrayContaining([expect.stringMatching(/^ilinks\..*\.dlq$/)]));
    },
  );

  it('every app is ready on its own, and the gateway sees every service ready', async () => {
    const response = await fetch(`${urls.get('gateway')}/health/ready`);
    expect(response.status).toBe(200);
    const report = (await jsonOf(response)) as Json;
    expect(report['failed']).toEqual([]);
  });

  it('a partner registers a patient and records an allergy; a clinician opens her record; the access is audited', async () => {
    const gateway = urls.get('gateway') ?? '';
    const organisation = organisationForThisRun();
    const as = async (sub: string, role: Role) =>
      GatewayCaller.withToken(gateway, (await issuer.issue({ sub, org: organisation, role })).accessToken);
    const system = await as('pas-interface', 'system');
    const mrn = { system: `https://fhir.${organisation.toLowerCase()}.example/Id/mrn`, value: `P-${run}` };
    const registered = await system.post(
      '/fhir/Patient',
      partnerPatient(mrn, nhsNumberFrom(Number.parseInt(run, 16) % 900_000_000), {
        family: 'Packaged',
        given: 'Ada',
        birthDate: '1961-05-02',
        gender: 'female',
        postalCode: 'L18 9SB',
      }),
    );
    expect(registered.status).toBe(201);
    const person = ((await jsonOf(registered)) as Json)['id'] as string;
    expect((await system.post('/fhir/AllergyIntolerance', allergy(`alg-${run}`, mrn))).status).toBe(201);

    const clinician = await as('dr-jones', 'practitioner');
    const read = await waitFor(
      async () => {
        const response = await clinician.get(`/fhir/Patient/${person}/$everything`);
        if (response.status !== 200) return undefined;
        const bundle = (await jsonOf(response)) as Json;
        const types = (bundle['entry'] as Json[]).map((entry) => entry['resource']['resourceType']);
        return types.includes('AllergyIntolerance') ? response : undefined;
      },
      {
        timeoutMs: CONSUMERS_JOIN_WITHIN_MS,
        intervalMs: 500,
        description: "the clinician's $everything shows the allergy (identity → Kafka → consent and record)",
      },
    );

    const igOfficer = await as('ig-lead', 'ig-officer');
    const audited = await auditEventOnceRecorded(igOfficer, recordIdOf(read), CONSUMERS_JOIN_WITHIN_MS);
    expect(JSON.stringify(audited)).toContain('dr-jones');
  }, 600_000);

  it('SIGTERM drains and stops every app with exit code 0 inside the pods’ 30 s grace period', async () => {
    // The gateway first, as a rolling update would take traffic away before its backends.
    for (const app of DEPLOYED_APPS) {
      const code = await apps.get(app)?.terminate(30_000);
      expect({ app, code }).toEqual({ app, code: 0 });
    }
  }, 240_000);
});

/** The organisation's issuer: its JWKS over HTTP, as the gateway fetches it in production. */
function serveJwks(issuer: DevTokenIssuer): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url !== '/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    void issuer.publicJwks().then((keys) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keys));
    });
  });
  return new Promise((listening) => server.listen(0, '127.0.0.1', () => listening(server)));
}
