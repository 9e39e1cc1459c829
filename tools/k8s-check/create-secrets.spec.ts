import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ILINKS_SERVICES } from './ilinks-apps';
import { at } from './manifest-rules';
import { type K8sObject, REPO_ROOT, renderKustomization } from './render-manifests';

// Runs k8s/scripts/create-secrets.sh with a stand-in for kubectl that keeps what it is given, and
// checks it against the Secrets the rendered prod overlay references.

const SCRIPT = join(REPO_ROOT, 'k8s', 'scripts', 'create-secrets.sh');
const prod = renderKustomization('k8s/overlays/prod');

// `get secret NAME` succeeds for the names in $EXISTING; `create secret generic NAME
// --from-file=KEY=PATH…` copies each file to $KEPT/NAME/KEY; anything else fails.
const FAKE_KUBECTL = `#!/usr/bin/env bash
set -eu
[ "$1" = -n ] && shift 2
if [ "$1 $2" = "get secret" ]; then
  case " $EXISTING " in *" $3 "*) exit 0 ;; *) exit 1 ;; esac
fi
if [ "$1 $2 $3" = "create secret generic" ]; then
  name="$4"; shift 4; mkdir -p "$KEPT/$name"
  for argument in "$@"; do
    pair="\${argument#--from-file=}"; cp "\${pair#*=}" "$KEPT/$name/\${pair%%=*}"
  done
  exit 0
fi
exit 2
`;

interface Run {
  readonly output: string;
  /** Secret name → key → value, as kubectl received them. */
  readonly created: Record<string, Record<string, string>>;
}

function runScript(existing: readonly string[] = []): Run {
  const folder = mkdtempSync(join(tmpdir(), 'ilinks-create-secrets-'));
  try {
    const bin = join(folder, 'bin');
    const kept = join(folder, 'kept');
    execFileSync('mkdir', ['-p', bin, kept]);
    writeFileSync(join(bin, 'kubectl'), FAKE_KUBECTL);
    chmodSync(join(bin, 'kubectl'), 0o755);
    const output = execFileSync('bash', [SCRIPT], {
      encoding: 'utf8',
      env: { PATH: `${bin}:${process.env.PATH ?? ''}`, KEPT: kept, EXISTING: existing.join(' ') },
    });
    const created = Object.fromEntries(
      readdirSync(kept).map((name) => [
        name,
        Object.fromEntries(
          readdirSync(join(kept, name)).map((key) => [key, readFileSync(join(kept, name, key), 'utf8')]),
        ),
      ]),
    );
    return { output, created };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Every `name/key` of a Secret the objects read (`secretKeyRef`), and `name/*` for mounted ones. */
function referencedSecrets(objects: readonly K8sObject[]): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const ref = record['secretKeyRef'] as { name: string; key: string } | undefined;
      if (ref) found.add(`${ref.name}/${ref.key}`);
      const volume = record['secret'] as { secretName?: string } | undefined;
      if (volume?.secretName) found.add(`${volume.secretName}/*`);
      Object.values(record).forEach(walk);
    }
  };
  objects.forEach(walk);
  return [...found].sort();
}

/** The Secrets operators create: Strimzi (one per KafkaUser, the cluster CA), cert-manager. */
function operatorMadeSecrets(objects: readonly K8sObject[]): Set<string> {
  const kafka = objects.find((object) => object.kind === 'Kafka');
  return new Set([
    ...objects.filter((object) => object.kind === 'KafkaUser').map((user) => user.metadata.name),
    ...(kafka ? [`${kafka.metadata.name}-cluster-ca-cert`] : []),
    ...objects
      .filter((object) => object.kind === 'Certificate')
      .map((certificate) => String(at(certificate, 'spec', 'secretName'))),
  ]);
}

/** What the script must create: every reference no operator satisfies. */
function secretsLeftToUs(objects: readonly K8sObject[]): string[] {
  const madeByOperators = operatorMadeSecrets(objects);
  return referencedSecrets(objects).filter((reference) => !madeByOperators.has(reference.split('/')[0]));
}

function createdKeys(created: Run['created']): string[] {
  return Object.entries(created)
    .flatMap(([name, keys]) => Object.keys(keys).map((key) => `${name}/${key}`))
    .sort();
}

const first = runScript();

describe('k8s/scripts/create-secrets.sh', () => {
  it('creates every Secret key the prod manifests read that no operator creates', () => {
    const wanted = secretsLeftToUs(prod);
    expect(wanted.length).toBeGreaterThan(20);
    const created = createdKeys(first.created);
    const mounted = wanted.filter((reference) => reference.endsWith('/*')).map((r) => r.split('/')[0]);
    expect(created.filter((key) => !mounted.includes(key.split('/')[0]))).toEqual(
      wanted.filter((reference) => !reference.endsWith('/*')),
    );
    for (const name of mounted) expect(Object.keys(first.created[name] ?? {})).not.toEqual([]);
  });

  it("puts each service's password into its MongoDB URL and EventStoreDB connection string", () => {
    for (const service of ILINKS_SERVICES) {
      const mongo = first.created[`${service}-mongodb`];
      const eventStore = first.created[`${service}-eventstoredb`];
      expect(mongo['url']).toMatch(
        new RegExp(`^mongodb://${service}:${mongo['password']}@[^?]+\\?replicaSet=rs0&`),
      );
      expect(eventStore['connection-string']).toMatch(
        new RegExp(`^esdb\\+discover://${service}:${eventStore['password']}@.*tls=true`),
      );
      expect(mongo['password']).not.toBe(eventStore['password']);
    }
  });

  it('makes strong, distinct, URL-safe passwords and a MongoDB keyfile of the size mongod wants', () => {
    const passwords = Object.values(first.created)
      .map((keys) => keys['password'])
      .filter((password): password is string => password !== undefined);
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const password of passwords) expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect(first.created['mongodb-keyfile']['keyfile']).toMatch(/^[A-Za-z0-9+/=]{1000,1024}$/);
  });

  it('prints no value', () => {
    for (const keys of Object.values(first.created))
      for (const value of Object.values(keys))
        if (value.length > 8) expect(first.output).not.toContain(value);
  });

  it('leaves a Secret that exists as it is (a re-run is safe)', () => {
    const again = runScript(['consent-mongodb', 'mongodb-admin']);
    expect(Object.keys(again.created)).not.toContain('consent-mongodb');
    expect(Object.keys(again.created)).not.toContain('mongodb-admin');
    expect(again.output).toContain('secret/consent-mongodb exists: left as it is');
  });
});

describe('secretsLeftToUs fails on a broken copy', () => {
  it('a Deployment reading a Secret key the script does not make', () => {
    const copy = structuredClone(prod) as K8sObject[];
    const deployment = copy.find((o) => o.kind === 'Deployment' && o.metadata.name === 'consent');
    const env = at(deployment, 'spec', 'template', 'spec', 'containers', 0, 'env') as unknown[];
    env.push({ name: 'EXTRA', valueFrom: { secretKeyRef: { name: 'consent-extra', key: 'token' } } });
    expect(secretsLeftToUs(copy)).toContain('consent-extra/token');
    expect(createdKeys(first.created)).not.toContain('consent-extra/token');
  });
});
