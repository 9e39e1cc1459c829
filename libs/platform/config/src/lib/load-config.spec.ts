import { IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  AuthConfig,
  ConfigError,
  EventStoreDbConfig,
  HttpConfig,
  KafkaConfig,
  MongoConfig,
  RuntimeConfig,
  TelemetryConfig,
  CONFIG_EXIT_CODE,
  Setting,
  describeSettings,
  exitOnConfigError,
  formatConfigError,
  loadConfig,
  loadConfigs,
  settingsToMarkdown,
} from '../index';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof ConfigError)
      return error.problems.map((problem) => `${problem.env} ${problem.problem}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const runtime = loadConfig(RuntimeConfig, {});
    expect(runtime).toEqual(
      expect.objectContaining({ mode: 'embedded', dataDir: './.data', logLevel: 'info' }),
    );
    expect(runtime.serviceName).toBeUndefined();
    expect(loadConfig(HttpConfig, {})).toEqual(
      expect.objectContaining({ port: 8080, host: '127.0.0.1', bodyLimit: '1mb' }),
    );
  });

  it('converts numbers, booleans and comma lists', () => {
    const kafka = loadConfig(KafkaConfig, {
      ILINKS_MODE: 'distributed',
      KAFKA_BROKERS: ' a:9092, b:9093 ,',
      KAFKA_SSL: 'yes',
    });
    expect(kafka.brokers).toEqual(['a:9092', 'b:9093']);
    expect(kafka.ssl).toBe(true);
    expect(loadConfig(HttpConfig, { ILINKS_HTTP_PORT: '3000' }).port).toBe(3000);
  });

  it('treats a blank variable as unset', () => {
    expect(loadConfig(HttpConfig, { ILINKS_HTTP_PORT: '  ' }).port).toBe(8080);
  });

  it('names every bad setting by its variable, with the offending value', () => {
    const problems = problemsOf(() =>
      loadConfig(HttpConfig, { ILINKS_HTTP_PORT: '70000', ILINKS_HTTP_BODY_LIMIT: 'lots' }),
    );
    expect(problems).toEqual([
      'ILINKS_HTTP_PORT must not be greater than 65535 (got "70000")',
      'ILINKS_HTTP_BODY_LIMIT must be a size such as 512kb or 1mb (got "lots")',
    ]);
  });

  it('reports a value that cannot be converted to the declared type', () => {
    expect(problemsOf(() => loadConfig(HttpConfig, { ILINKS_HTTP_PORT: 'eighty' }))).toEqual([
      'ILINKS_HTTP_PORT must be a number (got "eighty")',
    ]);
    expect(problemsOf(() => loadConfig(HttpConfig, { ILINKS_HTTP_PORT: '80.5' }))).toEqual([
      'ILINKS_HTTP_PORT must be an integer number (got "80.5")',
    ]);
    expect(problemsOf(() => loadConfig(KafkaConfig, { KAFKA_SSL: 'maybe' }))).toEqual([
      'KAFKA_SSL must be true or false (got "maybe")',
    ]);
  });

  it('rejects an unknown mode', () => {
    expect(problemsOf(() => loadConfig(RuntimeConfig, { ILINKS_MODE: 'cluster' }))).toEqual([
      'ILINKS_MODE must be one of the following values: embedded, distributed (got "cluster")',
    ]);
  });

  it('requires the distributed dependencies only in distributed mode', () => {
    expect(loadConfig(KafkaConfig, {}).brokers).toBeUndefined();
    expect(loadConfig(MongoConfig, { ILINKS_MODE: 'embedded' }).url).toBeUndefined();

    const distributed = { ILINKS_MODE: 'distributed' };
    expect(problemsOf(() => loadConfig(KafkaConfig, distributed))).toEqual([
      'KAFKA_BROKERS is required but not set',
    ]);
    expect(problemsOf(() => loadConfig(MongoConfig, distributed))).toEqual([
      'MONGODB_URL is required but not set',
      'MONGODB_DB is required but not set',
    ]);
    expect(problemsOf(() => loadConfig(EventStoreDbConfig, distributed))).toEqual([
      'EVENTSTORE_CONNECTION_STRING is required but not set',
    ]);
    expect(problemsOf(() => loadConfig(AuthConfig, distributed))).toEqual([
      'ILINKS_AUTH_JWKS_URL is required but not set',
      'ILINKS_AUTH_ISSUER is required but not set',
      'ILINKS_AUTH_AUDIENCE is required but not set',
    ]);
  });

  it('still validates an optional dependency that is set in embedded mode', () => {
    expect(problemsOf(() => loadConfig(KafkaConfig, { KAFKA_BROKERS: 'no-port' }))).toEqual([
      'KAFKA_BROKERS must be a comma-separated list of host:port (got "no-port")',
    ]);
  });

  it('requires SASL credentials once a mechanism is chosen', () => {
    expect(problemsOf(() => loadConfig(KafkaConfig, { KAFKA_SASL_MECHANISM: 'plain' }))).toEqual([
      'KAFKA_SASL_USERNAME is required but not set',
      'KAFKA_SASL_PASSWORD is required but not set',
    ]);
  });

  it('never echoes the value of a secret', () => {
    const secret = 'postgres://admin:hunter2@db:5432';
    const error = catchConfigError(() =>
      loadConfig(MongoConfig, { ILINKS_MODE: 'distributed', MONGODB_URL: secret, MONGODB_DB: 'consent' }),
    );
    expect(error.problems).toEqual([
      { env: 'MONGODB_URL', problem: 'must be a mongodb:// or mongodb+srv:// connection string' },
    ]);
    expect(error.message).not.toContain('hunter2');
    expect(formatConfigError(error)).not.toContain('hunter2');
  });

  it('keeps a secret byte for byte', () => {
    const config = loadConfig(KafkaConfig, {
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: ' p@ss ',
    });
    expect(config.saslPassword).toBe(' p@ss ');
  });

  it('accepts the real connection strings', () => {
    const env = {
      ILINKS_MODE: 'distributed',
      MONGODB_URL: 'mongodb://u:p@127.0.0.1:27018,10.0.0.2:27018/?replicaSet=rs0',
      MONGODB_DB: 'consent',
      EVENTSTORE_CONNECTION_STRING: 'esdb+discover://cluster.local:2113?tls=true',
      ILINKS_AUTH_JWKS_URL: 'http://keycloak:8080/realms/ilinks/protocol/openid-connect/certs',
      ILINKS_AUTH_ISSUER: 'http://keycloak:8080/realms/ilinks',
      ILINKS_AUTH_AUDIENCE: 'ilinks-gateway',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
    };
    const loaded = loadConfigs(
      { mongo: MongoConfig, esdb: EventStoreDbConfig, auth: AuthConfig, telemetry: TelemetryConfig },
      env,
    );
    expect(loaded.mongo.database).toBe('consent');
    expect(loaded.auth.clockToleranceSeconds).toBe(5);
    expect(loaded.telemetry.otlpEndpoint).toBe('http://otel-collector:4318');
  });

  it('loadConfigs reports the problems of every class at once, each variable once', () => {
    const problems = problemsOf(() =>
      loadConfigs(
        { runtime: RuntimeConfig, http: HttpConfig, kafka: KafkaConfig },
        { ILINKS_MODE: 'distributed', ILINKS_HTTP_PORT: '0' },
      ),
    );
    expect(problems).toEqual([
      'ILINKS_HTTP_PORT must not be less than 1 (got "0")',
      'KAFKA_BROKERS is required but not set',
    ]);
  });

  it('refuses a settings class with an unvalidated setting', () => {
    class Careless {
      @Setting('CARELESS_VALUE', { description: 'x' })
      value?: string;
    }
    expect(() => loadConfig(Careless, {})).toThrow(
      'Careless: settings without a class-validator rule: CARELESS_VALUE',
    );
  });

  it('lets an app subclass re-bind a setting to its own variable', () => {
    class GatewayHttpConfig extends HttpConfig {
      @Setting('ILINKS_GATEWAY_PORT', { default: 8080, description: 'Gateway port' })
      @IsInt()
      @Min(1)
      @Max(65535)
      override port = 8080;
    }
    expect(loadConfig(GatewayHttpConfig, { ILINKS_GATEWAY_PORT: '9000', ILINKS_HTTP_PORT: '1' }).port).toBe(
      9000,
    );
    expect(describeSettings(GatewayHttpConfig).map((row) => row.env)).toEqual([
      'ILINKS_GATEWAY_PORT',
      'ILINKS_HTTP_HOST',
      'ILINKS_HTTP_BODY_LIMIT',
    ]);
  });

  it('refuses a default on a secret', () => {
    expect(() => Setting('X_PASSWORD', { secret: true, default: 'changeme', description: 'x' })).toThrow(
      'must not have a default',
    );
  });
});

describe('describeSettings', () => {
  it('lists each variable once with its default, description and secrecy', () => {
    const rows = describeSettings(RuntimeConfig, KafkaConfig, MongoConfig);
    expect(rows.filter((row) => row.env === 'ILINKS_MODE')).toHaveLength(1);
    expect(rows.find((row) => row.env === 'ILINKS_DATA_DIR')).toEqual(
      expect.objectContaining({ default: './.data', secret: false }),
    );
    expect(rows.find((row) => row.env === 'KAFKA_SSL')?.default).toBe('false');
    expect(rows.find((row) => row.env === 'MONGODB_URL')).toEqual(
      expect.objectContaining({ default: undefined, secret: true }),
    );
    expect(rows.every((row) => row.description.length > 0)).toBe(true);
    expect(settingsToMarkdown(rows)).toContain('| `MONGODB_URL` |  | yes |');
  });
});

describe('exitOnConfigError', () => {
  it('prints one paragraph and exits 78 on a ConfigError', async () => {
    const written: string[] = [];
    const codes: number[] = [];
    const hooks = {
      writeError: (text: string) => written.push(text),
      exit: (code: number) => codes.push(code),
    };
    await expect(
      exitOnConfigError(() => loadConfig(HttpConfig, { ILINKS_HTTP_PORT: 'x' }), hooks),
    ).rejects.toBeInstanceOf(ConfigError);
    expect(codes).toEqual([CONFIG_EXIT_CODE]);
    expect(written).toEqual([
      'iLINKS cannot start: 1 setting is missing or invalid. ILINKS_HTTP_PORT must be a number (got "x"). Fix the environment variables named above and start again.\n',
    ]);
  });

  it('passes results and other errors through untouched', async () => {
    const hooks = { writeError: jest.fn(), exit: jest.fn() };
    await expect(exitOnConfigError(async () => 42, hooks)).resolves.toBe(42);
    await expect(
      exitOnConfigError(() => {
        throw new TypeError('boom');
      }, hooks),
    ).rejects.toThrow('boom');
    expect(hooks.exit).not.toHaveBeenCalled();
  });
});

describe('optional settings', () => {
  it('are absent when unset and validated when set', () => {
    class Tuning {
      @Setting('TUNING_BATCH', { description: 'batch size' })
      @IsOptional()
      @IsInt()
      batch?: number;
    }
    expect(loadConfig(Tuning, {}).batch).toBeUndefined();
    expect(loadConfig(Tuning, { TUNING_BATCH: '12' }).batch).toBe(12);
  });
});

function catchConfigError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
