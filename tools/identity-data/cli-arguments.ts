import { DEFAULT_ERROR_RATES, type ErrorRates, type PopulationOptions } from './generate-population';

/** What the command line asks for. */
export interface CliArguments {
  readonly options: PopulationOptions;
  readonly seed: number;
  readonly out: string;
}

const USAGE =
  'usage: cli.ts --persons <n> --seed <n> --out <file.json> [--reference-date YYYY-MM-DD]' +
  ' [--twin-rate <p>] [--namesake-rate <p>] [--rate <errorKind>=<p>]...';

const number = (flag: string, value: string | undefined): number => {
  const parsed = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(parsed)) {
    throw new Error(`${flag} needs a number\n${USAGE}`);
  }
  return parsed;
};

const probability = (flag: string, value: string | undefined): number => {
  const parsed = number(flag, value);
  if (parsed < 0 || parsed > 1) throw new Error(`${flag} must be between 0 and 1\n${USAGE}`);
  return parsed;
};

const isErrorKind = (kind: string): kind is keyof ErrorRates => Object.hasOwn(DEFAULT_ERROR_RATES, kind);

/** Reads `--flag value` pairs; throws with the usage line on anything it does not understand. */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  let persons = 1000;
  let seed = 1;
  let out: string | undefined;
  let referenceDate: string | undefined;
  let twinRate: number | undefined;
  let namesakeRate: number | undefined;
  const errorRates: Partial<Record<keyof ErrorRates, number>> = {};
  for (let index = 0; index < argv.length; index += 2) {
    const [flag, value] = [argv[index], argv[index + 1]];
    switch (flag) {
      case '--persons':
        persons = number(flag, value);
        if (!Number.isInteger(persons) || persons < 1)
          throw new Error(`--persons must be a positive integer\n${USAGE}`);
        break;
      case '--seed':
        seed = number(flag, value);
        break;
      case '--out':
        out = value;
        break;
      case '--reference-date':
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value ?? ''))
          throw new Error(`--reference-date needs YYYY-MM-DD\n${USAGE}`);
        referenceDate = value;
        break;
      case '--twin-rate':
        twinRate = probability(flag, value);
        break;
      case '--namesake-rate':
        namesakeRate = probability(flag, value);
        break;
      case '--rate': {
        const [kind, rate] = (value ?? '').split('=');
        if (!isErrorKind(kind)) throw new Error(`unknown error kind '${kind}'\n${USAGE}`);
        errorRates[kind] = probability(flag, rate);
        break;
      }
      default:
        throw new Error(`unknown argument '${flag}'\n${USAGE}`);
    }
  }
  if (out === undefined || out === '') throw new Error(`--out is required\n${USAGE}`);
  return { options: { persons, referenceDate, twinRate, namesakeRate, errorRates }, seed, out };
}
