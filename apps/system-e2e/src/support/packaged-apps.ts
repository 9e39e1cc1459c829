import { waitFor } from '@ilinks/shared/testing';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const repoRoot = resolve(__dirname, '../../../..');

/** The apps a Kubernetes deployment runs, one image each (docker/Dockerfile). */
export const DEPLOYED_APPS = [
  'gateway',
  'identity-matching',
  'consent',
  'record-projection',
  'correspondence',
  'diagnostics',
  'audit',
] as const;

export type DeployedApp = (typeof DEPLOYED_APPS)[number];
export type DeployedService = Exclude<DeployedApp, 'gateway'>;

/** Builds the apps as the image's build stage does (`nx build <app>`); Nx's cache skips unchanged ones. */
export function buildApps(apps: readonly string[]): void {
  const build = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', `--projects=${apps.join(',')}`, '--outputStyle=static'],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  if (build.status !== 0) throw new Error(`nx build failed:\n${build.stdout}\n${build.stderr}`);
}

/** The bundle of a built app, as the image's runtime stage copies it. */
export function bundleOf(app: string): string {
  return readFileSync(join(repoRoot, 'dist', 'apps', app, 'main.js'), 'utf8');
}

/**
 * The packages a webpack bundle loads at run time: webpack leaves `node_modules` outside the
 * bundle as `require("…")` (or `import("…")`) of the bare specifier. Sorted, without duplicates.
 */
export function externalPackagesOf(bundle: string): string[] {
  const specifiers = [...bundle.matchAll(/\b(?:require|import)\("([^"]+)"\)/g)].map((match) => match[1]);
  const packages = specifiers.filter((specifier) => !/^[./]/.test(specifier)).map(packageNameOf);
  return [...new Set(packages)].sort();
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`; `node:fs` stays as it is. */
export function packageNameOf(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The packages a bundle loads that an image would not hold: the runtime stage installs only
 * `dependencies` (`npm install --omit=dev`), so anything else fails at start in production.
 */
export function packagesMissingFromProduction(
  externals: readonly string[],
  dependencies: Readonly<Record<string, string>>,
): string[] {
  const builtins = new Set(builtinModules);
  return externals.filter(
    (name) => !name.startsWith('node:') && !builtins.has(name) && dependencies[name] === undefined,
  );
}

/** The root package.json's production dependencies. */
export function productionDependencies(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return manifest.dependencies ?? {};
}

/** Each app's ConfigMap `data` as the dev overlay renders it (tools/k8s-check/kustomize.sh). */
export function renderedConfigMaps(overlay = 'k8s/overlays/dev'): Map<string, Record<string, string>> {
  const rendered = execFileSync(join(repoRoot, 'tools/k8s-check/kustomize.sh'), ['build', overlay], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
  });
  const configMaps = new Map<string, Record<string, string>>();
  for (const document of parseAllDocuments(rendered)) {
    const object = document.toJSON() as {
      kind?: string;
      metadata?: { name?: string };
      data?: Record<string, string>;
    } | null;
    if (object?.kind === 'ConfigMap' && object.metadata?.name && object.data)
      configMaps.set(object.metadata.name, object.data);
  }
  return configMaps;
}

/** Where the cluster's addresses point on this machine. */
export interface LocalAddresses {
  readonly httpPort: number;
  readonly dataDir: string;
  readonly kafkaBrokers: string;
  readonly mongoUrl: string;
  /** Appended to the ConfigMap's database name, so a run never sees another's views. */
  readonly databaseSuffix: string;
  /** Base URL of each service, for the gateway. */
  readonly serviceUrls: Readonly<Record<DeployedService, string>>;
}

// Settings that name the cluster's addresses, TLS files or credentials: replaced below.
const CLUSTER_ONLY = new Set([
  'ILINKS_HTTP_HOST',
  'ILINKS_HTTP_PORT',
  'ILINKS_DATA_DIR',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'KAFKA_BROKERS',
  'KAFKA_SSL',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'NODE_EXTRA_CA_CERTS',
]);

const SERVICE_URL_SETTINGS: Readonly<Record<DeployedService, string>> = {
  'identity-matching': 'ILINKS_IDENTITY_MATCHING_URL',
  consent: 'ILINKS_CONSENT_URL',
  'record-projection': 'ILINKS_RECORD_PROJECTION_URL',
  correspondence: 'ILINKS_CORRESPONDENCE_URL',
  diagnostics: 'ILINKS_DIAGNOSTICS_URL',
  audit: 'ILINKS_AUDIT_URL',
};

/**
 * An app's environment on this machine: its ConfigMap as deployed, with the cluster's addresses
 * replaced by local ones — plain Kafka instead of TLS + SCRAM, and SQLite instead of EventStoreDB
 * (which cannot run here; distributed mode still requires its connection string, unused then).
 */
export function localSettingsOf(
  configMap: Readonly<Record<string, string>>,
  local: LocalAddresses,
): Record<string, string> {
  const kept = Object.fromEntries(Object.entries(configMap).filter(([key]) => !CLUSTER_ONLY.has(key)));
  const settings: Record<string, string> = {
    ...kept,
    ILINKS_HTTP_HOST: '127.0.0.1',
    ILINKS_HTTP_PORT: String(local.httpPort),
    ILINKS_DATA_DIR: local.dataDir,
    ILINKS_LOG_LEVEL: 'warn',
    KAFKA_BROKERS: local.kafkaBrokers,
  };
  for (const [service, setting] of Object.entries(SERVICE_URL_SETTINGS)) {
    if (setting in configMap) settings[setting] = local.serviceUrls[service as DeployedService];
  }
  if ('MONGODB_DB' in configMap) {
    settings['MONGODB_DB'] = `${configMap['MONGODB_DB']}_${local.databaseSuffix}`;
    settings['MONGODB_URL'] = local.mongoUrl;
    settings['ILINKS_EVENT_STORE'] = 'sqlite';
    settings['EVENTSTORE_CONNECTION_STRING'] = 'esdb://eventstoredb.invalid:2113?tls=false';
  }
  return settings;
}

/**
 * One built app run as its container runs it: `node main.js` from a folder holding only the
 * bundle (so it cannot lean on the repository's files), `NODE_ENV=production`, and no environment
 * but its settings.
 */
export class PackagedApp {
  private child?: ChildProcess;
  private output = '';

  private constructor(
    readonly app: DeployedApp,
    private readonly folder: string,
  ) {}

  /** Copies the bundle into a folder of its own; `node_modules` is the repository's (see the spec). */
  static stage(app: DeployedApp, stagingRoot: string): PackagedApp {
    const folder = join(stagingRoot, app);
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(repoRoot, 'dist', 'apps', app, 'main.js'), join(folder, 'main.js'));
    return new PackagedApp(app, folder);
  }

  get logs(): string {
    return this.output;
  }

  /** Starts `main.js <args>` with exactly `settings` (plus PATH, HOME and the image's NODE_ENV). */
  start(settings: Readonly<Record<string, string>>, args: readonly string[] = []): void {
    this.output = '';
    const child = spawn(process.execPath, [join(this.folder, 'main.js'), ...args], {
      cwd: this.folder,
      env: { PATH: process.env.PATH ?? '', HOME: this.folder, NODE_ENV: 'production', ...settings },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
  }

  /** Waits until `GET <url>/health/ready` answers 200; fails early, with the logs, if the process exits. */
  async ready(url: string, timeoutMs: number): Promise<void> {
    await waitFor(
      async () => {
        if (this.exitCode !== null)
          throw new Error(`${this.app} exited with ${this.exitCode}:\n${this.logs}`);
        const response = await fetch(`${url}/health/ready`).catch(() => undefined);
        return response?.status === 200;
      },
      { timeoutMs, intervalMs: 200, description: `${this.app} is ready` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- ${this.app} output ---\n${this.logs.slice(-4000)}`);
    });
  }

  /** Exit code, or null while running (a signal death counts as -1). */
  get exitCode(): number | null {
    const child = this.child;
    if (!child || (child.exitCode === null && child.signalCode === null)) return null;
    return child.exitCode ?? -1;
  }

  /** Waits for the process to end by itself and gives its exit code. */
  async exited(timeoutMs: number): Promise<number> {
    await waitFor(() => this.exitCode !== null, {
      timeoutMs,
      intervalMs: 100,
      description: `${this.app} exits`,
    });
    return this.exitCode ?? -1;
  }

  /** SIGTERM, as the kubelet sends it: resolves with the exit code; fails when it takes over `timeoutMs`. */
  async terminate(timeoutMs: number): Promise<number> {
    this.child?.kill('SIGTERM');
    return this.exited(timeoutMs);
  }

  kill(): void {
    if (this.exitCode === null) this.child?.kill('SIGKILL');
  }
}

/** A folder outside the repository for staged bundles, with the repository's `node_modules` beside them. */
export function stagingFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ilinks-packaged-'));
  symlinkSync(join(repoRoot, 'node_modules'), join(folder, 'node_modules'), 'dir');
  return folder;
}

export function removeStagingFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}
