import { plainToInstance } from 'class-transformer';
import {
  getMetadataStorage,
  validateSync,
  type ValidationError as ClassValidationError,
} from 'class-validator';
import { ConfigError, type ConfigProblem } from './config.error';
import { settingsOf, type SettingDefault, type SettingDefinition } from './setting.decorator';

/** The environment to read from: `process.env` in apps, a plain object in tests. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A settings class: properties decorated with `@Setting` and class-validator rules. */
export type ConfigClass<T extends object = object> = new () => T;

/** One row of the operations guide. */
export interface SettingDescription {
  readonly env: string;
  /** The default as written in the environment; `undefined` when there is none. */
  readonly default: string | undefined;
  readonly description: string;
  readonly secret: boolean;
}

type Conversion =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: string };

const MAX_ECHOED_LENGTH = 80;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads, converts and validates one settings class from the environment. Throws `ConfigError`
 * listing every missing or invalid variable by name; secret values are never echoed.
 */
export function loadConfig<T extends object>(configClass: ConfigClass<T>, env: Environment = process.env): T {
  const { instance, problems } = readConfig(configClass, env);
  if (problems.length > 0) throw new ConfigError(problems);
  return instance;
}

/**
 * Loads several settings classes at once and reports the problems of all of them together, so that
 * one start-up attempt shows everything that needs fixing.
 */
export function loadConfigs<S extends Record<string, ConfigClass>>(
  classes: S,
  env: Environment = process.env,
): { [K in keyof S]: InstanceType<S[K]> } {
  const loaded: Record<string, object> = {};
  const problems: ConfigProblem[] = [];
  for (const [key, configClass] of Object.entries(classes)) {
    const result = readConfig(configClass, env);
    loaded[key] = result.instance;
    for (const problem of result.problems) {
      if (!problems.some((known) => known.env === problem.env && known.problem === problem.problem))
        problems.push(problem);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return loaded as { [K in keyof S]: InstanceType<S[K]> };
}

/** Every setting of the given classes, once per variable, for generated operations docs. */
export function describeSettings(...classes: ConfigClass[]): SettingDescription[] {
  const rows = new Map<string, SettingDescription>();
  for (const configClass of classes) {
    for (const definition of settingsOf(configClass)) {
      if (rows.has(definition.env)) continue;
      rows.set(definition.env, {
        env: definition.env,
        default: definition.default === undefined ? undefined : formatDefault(definition.default),
        description: definition.description,
        secret: definition.secret ?? false,
      });
    }
  }
  return [...rows.values()];
}

/** A Markdown table of settings, for `docs/`. */
export function settingsToMarkdown(rows: readonly SettingDescription[]): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const lines = rows.map(
    (row) =>
      `| \`${row.env}\` | ${row.default === undefined ? '' : `\`${escape(row.default)}\``} | ${row.secret ? 'yes' : ''} | ${escape(row.description)} |`,
  );
  return ['| variable | default | secret | description |', '|---|---|---|---|', ...lines].join('\n');
}

function readConfig<T extends object>(
  configClass: ConfigClass<T>,
  env: Environment,
): { instance: T; problems: ConfigProblem[] } {
  const definitions = settingsOf(configClass);
  assertEverySettingIsValidated(configClass, definitions);

  const plain: Record<string, unknown> = {};
  const raw = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  const unconvertible = new Set<string>();
  for (const definition of definitions) {
    const value = rawValueOf(definition, env);
    if (value === undefined) continue;
    raw.set(definition.property, value);
    const conversion = convert(value, definition);
    if (conversion.ok) {
      plain[definition.property] = conversion.value;
    } else {
      unconvertible.add(definition.property);
      problems.push({ env: definition.env, problem: withEcho(conversion.problem, value, definition) });
    }
  }

  const instance = plainToInstance(configClass, plain);
  const errors = validateSync(instance, { validationError: { target: false, value: false } });
  const byProperty = new Map(definitions.map((definition) => [definition.property, definition]));
  for (const error of flatten(errors)) {
    if (unconvertible.has(error.property)) continue;
    const definition = byProperty.get(error.property);
    const envName = definition?.env ?? error.property;
    const value = raw.get(error.property);
    if (value === undefined) {
      problems.push({ env: envName, problem: 'is required but not set' });
      continue;
    }
    for (const message of Object.values(error.constraints ?? {})) {
      const phrase = message.startsWith(`${error.property} `)
        ? message.slice(error.property.length + 1)
        : message;
      problems.push({ env: envName, problem: withEcho(phrase, value, definition) });
    }
  }
  return { instance, problems: orderBySetting(problems, definitions) };
}

function rawValueOf(definition: SettingDefinition, env: Environment): string | undefined {
  const value = env[definition.env];
  if (value === undefined || value.trim() === '') {
    return definition.default === undefined ? undefined : formatDefault(definition.default);
  }
  // Secrets are taken byte for byte: a password may legitimately end with a space.
  return definition.secret ? value : value.trim();
}

function formatDefault(value: SettingDefault): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

function convert(raw: string, definition: SettingDefinition): Conversion {
  if (definition.parse) {
    try {
      return { ok: true, value: definition.parse(raw) };
    } catch {
      return { ok: false, problem: 'cannot be parsed' };
    }
  }
  switch (definition.designType) {
    case Number:
      return DECIMAL.test(raw)
        ? { ok: true, value: Number(raw) }
        : { ok: false, problem: 'must be a number' };
    case Boolean: {
      const word = raw.toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, problem: 'must be true or false' };
    }
    case Array:
      return {
        ok: true,
        value: raw
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      };
    default:
      return { ok: true, value: raw };
  }
}

/** Appends the offending value to help the operator, except for secrets, whose value is also scrubbed. */
function withEcho(problem: string, value: string, definition: SettingDefinition | undefined): string {
  if (definition?.secret) return value === '' ? problem : problem.split(value).join('***');
  const shown = value.length > MAX_ECHOED_LENGTH ? `${value.slice(0, MAX_ECHOED_LENGTH)}…` : value;
  return `${problem} (got "${shown}")`;
}

function flatten(errors: readonly ClassValidationError[]): ClassValidationError[] {
  return errors.flatMap((error) => [error, ...flatten(error.children ?? [])]);
}

function orderBySetting(
  problems: ConfigProblem[],
  definitions: readonly SettingDefinition[],
): ConfigProblem[] {
  const rank = (env: string): number => {
    const index = definitions.findIndex((definition) => definition.env === env);
    return index === -1 ? definitions.length : index;
  };
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => rank(a.problem.env) - rank(b.problem.env) || a.index - b.index)
    .map(({ problem }) => problem);
}

/** A setting with no validator would accept anything, including nothing: refuse such a class. */
function assertEverySettingIsValidated(
  configClass: ConfigClass,
  definitions: readonly SettingDefinition[],
): void {
  const validated = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(configClass, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
  const bare = definitions.filter((definition) => !validated.has(definition.property));
  if (bare.length > 0) {
    throw new Error(
      `${configClass.name}: settings without a class-validator rule: ${bare.map((definition) => definition.env).join(', ')}`,
    );
  }
}
