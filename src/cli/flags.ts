import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A bad command line: printed as one line with the usage, exit code 2, no stack trace. */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

/**
 * One flag of a command. `parse` turns the text after `--name` into a value or throws an Error
 * whose message completes "--name …" (e.g. "must be a whole number from 1 to 100000");
 * `note` records something worth telling that is not an error (a value capped).
 */
export interface Flag<T> {
  /** placeholder in messages; absent for a switch (a flag without value) */
  readonly value?: string;
  readonly default?: T;
  readonly required?: boolean;
  parse(raw: string, note: (message: string) => void): T;
}

export type FlagTable = Record<string, Flag<unknown>>;

/** The parsed values: flags with a default (and required ones) are always there, others may be undefined. */
export type FlagValues<S extends FlagTable> = {
  [K in keyof S]: S[K] extends { default: infer T }
    ? T
    : S[K] extends { required: true } & Flag<infer T>
      ? T
      : S[K] extends Flag<infer T>
        ? T | undefined
        : never;
};

const shown = (raw: string) => (raw === '' ? 'an empty value' : `"${raw}"`);

function numberFrom(raw: string): number {
  // Number('') is 0 and Number(' 1 ') is 1: only a plain decimal numeral is a number here.
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw) ? Number(raw) : NaN;
}

export function int(min: number, max: number): Flag<number> {
  return {
    value: 'N',
    parse: (raw) => {
      const n = numberFrom(raw);
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`must be a whole number from ${min} to ${max}, not ${shown(raw)}`);
      return n;
    },
  };
}

/** A finite number in a range; `above` excludes the lower bound. */
export function real(range: { min?: number; above?: number; max?: number }): Flag<number> {
  const { min, above, max } = range;
  const what =
    above !== undefined
      ? `a number > ${above}${max !== undefined ? ` and ≤ ${max}` : ''}`
      : min !== undefined && max !== undefined
        ? `a number from ${min} to ${max}`
        : `a number ≥ ${min ?? 0}`;
  return {
    value: 'X',
    parse: (raw) => {
      const v = numberFrom(raw);
      const ok =
        Number.isFinite(v) && (above === undefined || v > above) && (min === undefined || v >= min) && (max === undefined || v <= max);
      if (!ok) throw new Error(`must be ${what}, not ${shown(raw)}`);
      return v;
    },
  };
}

export function choice<T extends string>(choices: readonly T[]): Flag<T> {
  return {
    value: choices.join('|'),
    parse: (raw) => {
      if (!choices.includes(raw as T)) throw new Error(`must be one of ${choices.join(', ')}, not ${shown(raw)}`);
      return raw as T;
    },
  };
}

/** A comma-separated list of at least one value, each parsed by `item`, none repeated. */
export function list<T>(item: Flag<T>): Flag<T[]> {
  return {
    value: `${item.value},…`,
    parse: (raw, note) => {
      const parts = raw.split(',').map((s) => s.trim());
      if (raw.trim() === '' || parts.some((p) => p === ''))
        throw new Error(`must be a comma-separated list with no empty entries, not ${shown(raw)}`);
      const values = parts.map((p) => {
        try {
          return item.parse(p, note);
        } catch (e) {
          throw new Error(`entry ${shown(p)}: ${(e as Error).message}`);
        }
      });
      if (new Set(parts).size !== parts.length) throw new Error(`lists an entry twice: ${shown(raw)}`);
      return values;
    },
  };
}

export function switchFlag(): Flag<boolean> & { default: boolean } {
  return { default: false, parse: () => true };
}

/** An existing, readable file. */
export function inputFile(): Flag<string> {
  return {
    value: 'FILE',
    parse: (raw) => {
      if (raw === '') throw new Error('must name a file, not an empty value');
      if (!existsSync(raw)) throw new Error(`names ${raw}, which does not exist`);
      if (statSync(raw).isDirectory()) throw new Error(`names ${raw}, which is a folder, not a file`);
      try {
        accessSync(raw, constants.R_OK);
      } catch {
        throw new Error(`names ${raw}, which cannot be read`);
      }
      return raw;
    },
  };
}

/** A plain file or folder name (no path), such as a dataset name that names files. */
export function fileName(): Flag<string> {
  return {
    value: 'NAME',
    parse: (raw) => {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(raw))
        throw new Error(`must be a name of letters, digits, ".", "_" and "-", not ${shown(raw)}`);
      return raw;
    },
  };
}

/** An existing folder. */
export function inputDir(): Flag<string> {
  return {
    value: 'DIR',
    parse: (raw) => {
      if (raw === '' || !existsSync(raw) || !statSync(raw).isDirectory())
        throw new Error(`must name an existing folder, not ${shown(raw)}`);
      return raw;
    },
  };
}

/** The deepest existing folder on the way to `path`, which must be writable for `path` to be created. */
function writableFrom(path: string): void {
  let dir = resolve(path);
  while (!existsSync(dir)) dir = dirname(dir);
  if (!statSync(dir).isDirectory()) throw new Error(`cannot be written: ${dir} is a file, not a folder`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new Error(`cannot be written: no permission to write in ${dir}`);
  }
}

/** A file to write: checked before any work, so a long run is not lost at its end. */
export function outputFile(): Flag<string> {
  return {
    value: 'FILE',
    parse: (raw) => {
      if (raw === '') throw new Error('must name a file, not an empty value');
      if (existsSync(raw)) {
        if (statSync(raw).isDirectory()) throw new Error(`names ${raw}, which is a folder, not a file`);
        try {
          accessSync(raw, constants.W_OK);
        } catch {
          throw new Error(`names ${raw}, which cannot be written`);
        }
      } else {
        writableFrom(dirname(resolve(raw)));
      }
      return raw;
    },
  };
}

/** A folder to write into (created if missing). */
export function outputDir(): Flag<string> {
  return {
    value: 'DIR',
    parse: (raw) => {
      if (raw === '') throw new Error('must name a folder, not an empty value');
      if (existsSync(raw) && !statSync(raw).isDirectory()) throw new Error(`names ${raw}, which is a file, not a folder`);
      writableFrom(raw);
      return raw;
    },
  };
}

export const withDefault = <T>(flag: Flag<T>, value: NoInfer<T>): Flag<T> & { default: T } => ({ ...flag, default: value });
export const required = <T>(flag: Flag<T>): Flag<T> & { required: true } => ({ ...flag, required: true });

export interface Parsed<S extends FlagTable> {
  values: FlagValues<S>;
  /** the flags given on the command line (not defaulted) */
  given: Set<string>;
  notes: string[];
  help: boolean;
}

/** Reads `--name value`, `--name=value` and switches; every flag is checked here, before any work. */
export function parseFlags<S extends FlagTable>(argv: string[], table: S): Parsed<S> {
  const values: Record<string, unknown> = {};
  const given = new Set<string>();
  const notes: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--help' || token === '-h') {
      help = true;
      continue;
    }
    if (!token.startsWith('--') || token === '--')
      throw new FlagError(`unexpected argument ${shown(token)}: every value follows its --flag`);
    const eq = token.indexOf('=');
    const name = token.slice(2, eq < 0 ? undefined : eq);
    const flag = Object.hasOwn(table, name) ? table[name] : undefined;
    if (!flag) throw new FlagError(`unknown flag --${name}`);
    if (given.has(name)) throw new FlagError(`--${name} is given twice`);
    given.add(name);
    let raw: string;
    if (flag.value === undefined) {
      if (eq >= 0) throw new FlagError(`--${name} is a switch and takes no value`);
      raw = '';
    } else if (eq >= 0) {
      raw = token.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new FlagError(`--${name} needs a value (${flag.value})`);
      raw = next;
      i++;
    }
    try {
      values[name] = flag.parse(raw, (m) => notes.push(`--${name}: ${m}`));
    } catch (e) {
      throw new FlagError(`--${name} ${(e as Error).message}`);
    }
  }
  for (const [name, flag] of Object.entries(table)) {
    if (given.has(name)) continue;
    if (flag.required && !help) throw new FlagError(`--${name} is required`);
    values[name] = flag.default;
  }
  return { values: values as FlagValues<S>, given, notes, help };
}

/**
 * Parses a command's flags and runs `check` (rules that tie flags together); on a bad command
 * line prints the message and the usage and exits with code 2, on --help prints the usage.
 */
export function commandLine<S extends FlagTable>(
  argv: string[],
  table: S,
  usage: string,
  check?: (values: FlagValues<S>, given: Set<string>) => void,
): FlagValues<S> {
  try {
    const parsed = parseFlags(argv, table);
    if (parsed.help) {
      console.log(usage);
      process.exit(0);
    }
    check?.(parsed.values, parsed.given);
    for (const n of parsed.notes) console.error(`note: ${n}`);
    return parsed.values;
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    console.error(`error: ${e.message}\n${usage.split('\n')[0]}\n(see --help)`);
    process.exit(2);
  }
}
