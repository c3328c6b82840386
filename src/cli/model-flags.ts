import { defaultConfig } from '../core/model/defaults';
import type { ModelConfig, ModelKind } from '../core/model/types';

/** Hyperparameter flags shared by the train and reproduce commands (node:util parseArgs options). */
export const MODEL_FLAG_OPTIONS = {
  K: { type: 'string' },
  d: { type: 'string' },
  tau: { type: 'string' },
  sigma0: { type: 'string' },
  beta: { type: 'string' },
  keep: { type: 'string' },
  reg: { type: 'string' },
  nogb: { type: 'boolean' },
  lr: { type: 'string' },
  batch: { type: 'string' },
} as const;

export type ModelFlags = Partial<Record<Exclude<keyof typeof MODEL_FLAG_OPTIONS, 'nogb'>, string>> & { nogb?: boolean };

function num(flags: ModelFlags, key: keyof ModelFlags, fallback: number): number {
  const raw = flags[key];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${key} must be a positive number, got "${raw}"`);
  return v;
}

export function configFromFlags(kind: ModelKind, nItems: number, flags: ModelFlags): ModelConfig {
  const base = defaultConfig(kind, nItems);
  const common = {
    d: num(flags, 'd', base.d),
    keep: num(flags, 'keep', base.keep),
    beta: num(flags, 'beta', base.beta),
    reg: flags.reg === undefined ? base.reg : Number(flags.reg),
  };
  if (base.kind !== 'macridvae') return { ...base, ...common };
  return {
    ...base,
    ...common,
    K: num(flags, 'K', base.K),
    tau: num(flags, 'tau', base.tau),
    sigma0: num(flags, 'sigma0', base.sigma0),
    gumbel: !flags.nogb,
  };
}

export function trainFlags(flags: ModelFlags): { lr: number; batchSize: number } {
  return { lr: num(flags, 'lr', 1e-3), batchSize: num(flags, 'batch', 500) };
}
