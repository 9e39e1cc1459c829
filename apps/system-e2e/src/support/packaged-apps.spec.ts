import {
  externalPackagesOf,
  localSettingsOf,
  packageNameOf,
  packagesMissingFromProduction,
} from './packaged-apps';

describe('packageNameOf', () => {
  it.each([
    ['kafkajs', 'kafkajs'],
    ['rxjs/operators', 'rxjs'],
    ['@nestjs/core', '@nestjs/core'],
    ['@opentelemetry/sdk-node/build/src/x', '@opentelemetry/sdk-node'],
    ['node:fs/promises', 'node:fs/promises'],
  ])('%s → %s', (specifier, name) => expect(packageNameOf(specifier)).toBe(name));
});

describe('externalPackagesOf', () => {
  it('finds require and import of bare specifiers, once each, sorted', () => {
    const bundle =
      'a=require("kafkajs");b=require("@nestjs/core");c=require("kafkajs");d=import("jose");e=require("rxjs/operators")';
    expect(externalPackagesOf(bundle)).toEqual(['@nestjs/core', 'jose', 'kafkajs', 'rxjs']);
  });

  it('leaves out relative and absolute paths (webpack has bundled those)', () => {
    expect(externalPackagesOf('require("./x");require("../y");require("/z")')).toEqual([]);
  });

  it('does not take a method that merely ends in require', () => {
    expect(externalPackagesOf('x.prerequire("kafkajs")')).toEqual([]);
  });
});

describe('packagesMissingFromProduction', () => {
  it('names a package that is not a production dependency', () => {
    expect(packagesMissingFromProduction(['kafkajs', 'yaml'], { kafkajs: '2.2.4' })).toEqual(['yaml']);
  });

  it('accepts Node built-ins with and without the node: prefix', () => {
    expect(packagesMissingFromProduction(['node:fs', 'crypto', 'fs/promises'], {})).toEqual([]);
  });
});

describe('localSettingsOf', () => {
  const local = {
    httpPort: 18080,
    dataDir: '/tmp/d',
    kafkaBrokers: '127.0.0.1:19092',
    mongoUrl: 'mongodb://127.0.0.1:27018/',
    databaseSuffix: 'run1',
    serviceUrls: {
      'identity-matching': 'http://127.0.0.1:1',
      consent: 'http://127.0.0.1:2',
      'record-projection': 'http://127.0.0.1:3',
      correspondence: 'http://127.0.0.1:4',
      diagnostics: 'http://127.0.0.1:5',
      audit: 'http://127.0.0.1:6',
    },
  };
  const serviceConfigMap = {
    ILINKS_MODE: 'distributed',
    ILINKS_HTTP_HOST: '0.0.0.0',
    ILINKS_HTTP_PORT: '8080',
    KAFKA_BROKERS: 'ilinks-kafka-bootstrap:9093',
    KAFKA_SSL: 'true',
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: 'consent',
    NODE_EXTRA_CA_CERTS: '/etc/ilinks/kafka-ca/ca.crt',
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
    MONGODB_DB: 'ilinks_consent',
    ILINKS_BREAK_GLASS_MINUTES: '240',
  };

  it("keeps the service's own settings as deployed", () => {
    const settings = localSettingsOf(serviceConfigMap, local);
    expect(settings).toMatchObject({ ILINKS_MODE: 'distributed', ILINKS_BREAK_GLASS_MINUTES: '240' });
  });

  it('points at local Kafka without TLS or SASL, and drops the cluster CA and the collector', () => {
    const settings = localSettingsOf(serviceConfigMap, local);
    expect(settings['KAFKA_BROKERS']).toBe('127.0.0.1:19092');
    for (const gone of [
      'KAFKA_SSL',
      'KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_USERNAME',
      'NODE_EXTRA_CA_CERTS',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
    ])
      expect(settings).not.toHaveProperty(gone);
  });

  it('gives a service its own database for the run, and SQLite for its events', () => {
    const settings = localSettingsOf(serviceConfigMap, local);
    expect(settings).toMatchObject({
      MONGODB_DB: 'ilinks_consent_run1',
      MONGODB_URL: 'mongodb://127.0.0.1:27018/',
      ILINKS_EVENT_STORE: 'sqlite',
    });
  });

  it('listens on loopback at the given port', () => {
    expect(localSettingsOf(serviceConfigMap, local)).toMatchObject({
      ILINKS_HTTP_HOST: '127.0.0.1',
      ILINKS_HTTP_PORT: '18080',
      ILINKS_DATA_DIR: '/tmp/d',
    });
  });

  it("rewrites the gateway's service URLs and gives it no database", () => {
    const settings = localSettingsOf(
      { ILINKS_CONSENT_URL: 'http://consent:8080', ILINKS_AUDIT_URL: 'http://audit:8080' },
      local,
    );
    expect(settings).toMatchObject({
      ILINKS_CONSENT_URL: 'http://127.0.0.1:2',
      ILINKS_AUDIT_URL: 'http://127.0.0.1:6',
    });
    expect(settings).not.toHaveProperty('MONGODB_URL');
    expect(settings).not.toHaveProperty('ILINKS_EVENT_STORE');
  });
});
