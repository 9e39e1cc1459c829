import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { PlatformProcess } from './support/platform-process';
import { indexed, register } from './support/registrations';

describe('the embedded platform, as a partner uses it', () => {
  let platform: PlatformProcess;

  beforeAll(async () => {
    platform = await PlatformProcess.start();
  }, 90_000);

  afterAll(async () => {
    await platform?.dispose();
  });

  it('publishes a FHIR R4 CapabilityStatement', async () => {
    const response = await fetch(`${platform.gatewayUrl}/fhir/metadata`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    const statement = await jsonOf(response);
    expect(statement).toMatchObject({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
      kind: 'instance',
    });
  });

  it('issues dev tokens in embedded mode, and refuses a bad request precisely', async () => {
    const ok = await fetch(`${platform.gatewayUrl}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'dr-jones', org: 'RBS', role: 'practitioner' }),
    });
    expect(ok.status).toBe(200);
    expect(await jsonOf(ok)).toMatchObject({
      token_type: 'Bearer',
      expires_in: expect.any(Number),
      access_token: expect.any(String),
    });

    const bad = await fetch(`${platform.gatewayUrl}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'dr-jones', org: 'not an ods code', role: 'wizard' }),
    });
    expect(bad.status).toBe(400);
    const outcome = await jsonOf(bad);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.flatMap((issue: { expression?: string[] }) => issue.expression ?? [])).toEqual(
      expect.arrayContaining(['org', 'role']),
    );
  });

  it('answers unknown routes and malformed bodies with OperationOutcome', async () => {
    const unknown = await fetch(`${platform.gatewayUrl}/fhir/Nothing/1`);
    expect(unknown.status).toBe(404);
    expect((await jsonOf(unknown)).resourceType).toBe('OperationOutcome');
    const malformed = await fetch(`${platform.gatewayUrl}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"sub": ',
    });
    expect(malformed.status).toBe(400);
  });

  it('carries a fact from one service to another: identity registration → relay → bus → record index', async () => {
    const localRecordId = await register(platform.serviceUrl('identity-matching'), 1);
    await waitFor(() => indexed(platform.serviceUrl('record-projection'), localRecordId), {
      description: "the record service's index shows the registration",
    });
  });

  it('keeps its data across a restart', async () => {
    const localRecordId = await register(platform.serviceUrl('identity-matching'), 2);
    await waitFor(() => indexed(platform.serviceUrl('record-projection'), localRecordId), {
      description: 'indexed before the restart',
    });
    await platform.stop();
    await platform.start();
    expect(await indexed(platform.serviceUrl('record-projection'), localRecordId)).toBe(true);
    const view = await fetch(`${platform.serviceUrl('identity-matching')}/local-records/${localRecordId}`);
    expect(view.status).toBe(200);
  }, 90_000);

  it('rebuilds views from the event store by a command, and starts from there', async () => {
    const localRecordId = await register(platform.serviceUrl('identity-matching'), 3);
    await waitFor(
      async () =>
        (await fetch(`${platform.serviceUrl('identity-matching')}/local-records/${localRecordId}`)).status ===
        200,
      {
        description: 'projected before the rebuild',
      },
    );
    await platform.stop();
    const rebuild = await platform.runCommand(['rebuild-projections', 'identity-matching']);
    expect(rebuild.code).toBe(0);
    const report = JSON.parse(rebuild.output.trim().split('\n').at(-1) ?? '{}');
    expect(report).toMatchObject({ service: 'identity-matching' });
    expect(report.views).toEqual(
      expect.arrayContaining(['local_records_v1', 'persons_v1', 'blocking_index_v1']),
    );
    expect(report.events).toBeGreaterThanOrEqual(1);
    expect(report.outcomes.written).toBeGreaterThanOrEqual(report.events);
    await platform.start();
    const view = await fetch(`${platform.serviceUrl('identity-matching')}/local-records/${localRecordId}`);
    expect(view.status).toBe(200);
  }, 90_000);

  it('runs beside a second platform with another port and data directory', async () => {
    const second = await PlatformProcess.start();
    try {
      const [first, other] = [platform.info(), second.info()];
      const ports = (info: typeof first) => [info.gateway, ...Object.values(info.services)];
      expect(new Set([...ports(first), ...ports(other)]).size).toBe(
        ports(first).length + ports(other).length,
      );
      expect((await fetch(`${second.gatewayUrl}/health/ready`)).status).toBe(200);
    } finally {
      await second.dispose();
    }
  }, 90_000);

  it('refuses to share a data directory with a running platform', async () => {
    const intruder = new PlatformProcess(platform.dataDir, platform.gatewayPort + 1);
    await expect(intruder.start()).rejects.toThrow(/Another platform/);
  }, 60_000);
});
