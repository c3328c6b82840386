import { availableParallelism } from 'node:os';
import { DEFAULT_RATING_THRESHOLD } from '../core/data/parse-clicks';
import { defaultConfig, MODEL_KINDS, TRAINING_DEFAULTS } from '../core/model/defaults';
import { MAX_D, MAX_K } from '../core/model/model-description';
import type { ModelConfig, ModelKind } from '../core/model/types';
import { choice, int, real, switchFlag, withDefault, type Flag, type FlagValues } from './flags';

/** Hyperparameter flags shared by the train and reproduce commands; unset ones take the model's defaults. */
export const MODEL_FLAGS = {
  K: int(1, MAX_K),
  d: int(1, MAX_D),
  tau: real({ above: 0, max: 100 }),
  sigma0: real({ min: 0, max: 10 }),
  beta: real({ min: 0, max: 100 }),
  keep: real({ above: 0, max: 1 }),
  reg: real({ min: 0, max: 1e6 }),
  nogb: switchFlag(),
  lr: real({ above: 0, max: 1 }),
  batch: int(1, 1_000_000),
};

export type ModelFlags = FlagValues<typeof MODEL_FLAGS>;

export const MAX_EPOCHS = 100_000;

/** A seed as numpy's RandomState takes it. */
export const seedFlag = (): Flag<number> => int(0, 2 ** 32 - 1);

export const modelKind = (): Flag<ModelKind> => choice(MODEL_KINDS);

/** --threads N: more threads than cores only slow training down, so N is capped at the cores, with a note. */
export function threadsFlag(cores = availableParallelism()): Flag<number> & { default: number } {
  const n = int(1, 1024);
  return withDefault(
    {
      value: 'N',
      parse: (raw, note) => {
        const v = n.parse(raw, note);
        if (v <= cores) return v;
        note(`${v} threads asked for, but this machine has ${cores} core${cores === 1 ? '' : 's'}: using ${cores}`);
        return cores;
      },
    },
    Math.min(2, cores),
  );
}

/** --threshold X keeps rows rated above X; "none" keeps every rated row. */
export function thresholdFlag(): Flag<number | null> & { default: number | null } {
  const x = real({ min: -1e9, max: 1e9 });
  return withDefault<number | null>(
    {
      value: 'X|none',
      parse: (raw, note) => {
        if (raw === 'none') return null;
        try {
          return x.parse(raw, note);
        } catch {
          throw new Error(`must be a number or "none", not "${raw}"`);
        }
      },
    },
    DEFAULT_RATING_THRESHOLD,
  );
}

/** Flags every command that reads a click log and splits it shares. */
export const RUN_FLAGS = {
  heldout: withDefault(int(1, 10_000_000), 50),
  threshold: thresholdFlag(),
  backend: choice(['wasm', 'cpu'] as const),
  threads: threadsFlag(),
};

export function configFromFlags(kind: ModelKind, nItems: number, flags: ModelFlags): ModelConfig {
  const base = defaultConfig(kind, nItems);
  const common = {
    d: flags.d ?? base.d,
    keep: flags.keep ?? base.keep,
    beta: flags.beta ?? base.beta,
    reg: flags.reg ?? base.reg,
  };
  if (base.kind !== 'macridvae') return { ...base, ...common };
  return {
    ...base,
    ...common,
    K: flags.K ?? base.K,
    tau: flags.tau ?? base.tau,
    sigma0: flags.sigma0 ?? base.sigma0,
    gumbel: !flags.nogb,
  };
}

export function trainFlags(flags: ModelFlags): { lr: number; batchSize: number } {
  return { lr: flags.lr ?? TRAINING_DEFAULTS.lr, batchSize: flags.batch ?? TRAINING_DEFAULTS.batchSize };
}
