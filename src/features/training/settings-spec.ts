import type { ModelKind, TrainSettings } from '../../protocol/engine';

export type NumericKey = Exclude<keyof TrainSettings, 'kind' | 'anchor'>;

export interface FieldSpec {
  key: NumericKey;
  label: string;
  /** short explanation under the label */
  hint: string;
  min: number;
  max: number;
  integer: boolean;
  /** the models this hyperparameter means something for */
  kinds: readonly ModelKind[];
  group: 'model' | 'optimisation';
}

const ALL: readonly ModelKind[] = ['macridvae', 'multvae', 'multdae'];

export const MODEL_LABELS: Record<ModelKind, string> = {
  macridvae: 'MacridVAE',
  multvae: 'β-MultVAE',
  multdae: 'MultDAE',
};

export const MODEL_BLURBS: Record<ModelKind, string> = {
  macridvae: 'K disentangled intentions per user, each a d-dimensional latent; items assigned to K concepts.',
  multvae: 'One d-dimensional Gaussian latent per user, KL weight annealed up to β (Liang et al. 2018).',
  multdae: 'The denoising autoencoder baseline: dropout on the input, no KL term.',
};

/**
 * The form's fields. Bounds are generous enough for the paper's settings and tight enough to
 * stop values that cannot train (τ → 0 overflows exp(cos/τ); keep = 0 drops every click).
 */
export const FIELDS: readonly FieldSpec[] = [
  { key: 'K', label: 'K (concepts)', hint: 'intentions per user', min: 1, max: 32, integer: true, kinds: ['macridvae'], group: 'model' },
  { key: 'd', label: 'd (latent size)', hint: 'dimensions per intention', min: 2, max: 512, integer: true, kinds: ALL, group: 'model' },
  {
    key: 'tau',
    label: 'τ (temperature)',
    hint: 'cosine softmax temperature',
    min: 0.01,
    max: 2,
    integer: false,
    kinds: ['macridvae'],
    group: 'model',
  },
  {
    key: 'beta',
    label: 'β (KL weight)',
    hint: 'annealed up to this',
    min: 0,
    max: 10,
    integer: false,
    kinds: ['macridvae', 'multvae'],
    group: 'model',
  },
  {
    key: 'sigma0',
    label: 'σ0 (prior std)',
    hint: 'std of the latent prior',
    min: 0.001,
    max: 1,
    integer: false,
    kinds: ['macridvae'],
    group: 'model',
  },
  { key: 'keep', label: 'keep', hint: 'input clicks kept (1 − dropout)', min: 0.05, max: 1, integer: false, kinds: ALL, group: 'model' },
  { key: 'lr', label: 'learning rate', hint: 'Adam step size', min: 1e-5, max: 0.1, integer: false, kinds: ALL, group: 'optimisation' },
  { key: 'batchSize', label: 'batch size', hint: 'users per step', min: 1, max: 5000, integer: true, kinds: ALL, group: 'optimisation' },
  {
    key: 'epochs',
    label: 'epochs',
    hint: 'passes over the training users',
    min: 1,
    max: 1000,
    integer: true,
    kinds: ALL,
    group: 'optimisation',
  },
  {
    key: 'maxUsers',
    label: 'users (0 = all)',
    hint: 'a sample of train and validation users, for a quick look',
    min: 0,
    max: 10_000_000,
    integer: true,
    kinds: ALL,
    group: 'optimisation',
  },
  {
    key: 'threads',
    label: 'threads (0 = auto)',
    hint: 'data-parallel replicas on cpu/wasm (one per core, up to 4); GPUs use 1',
    min: 0,
    max: 16,
    integer: true,
    kinds: ALL,
    group: 'optimisation',
  },
  {
    key: 'seed',
    label: 'seed',
    hint: 'shuffling, init and noise',
    min: 0,
    max: 2 ** 31 - 1,
    integer: true,
    kinds: ALL,
    group: 'optimisation',
  },
];

export const fieldsFor = (kind: ModelKind) => FIELDS.filter((f) => f.kinds.includes(kind));

export type Draft = Record<NumericKey, string>;

export function draftFrom(s: TrainSettings): Draft {
  const d = {} as Draft;
  for (const f of FIELDS) d[f.key] = String(s[f.key]);
  return d;
}

/** The error for one field's text, or null when it is a valid value. */
export function fieldError(f: FieldSpec, text: string): string | null {
  const t = text.trim();
  if (t === '') return 'enter a value';
  const v = Number(t);
  if (!Number.isFinite(v)) return 'not a number';
  if (f.integer && !Number.isInteger(v)) return 'must be a whole number';
  if (v < f.min || v > f.max) return `must be between ${f.min} and ${f.max}`;
  return null;
}

export interface Parsed {
  settings: TrainSettings | null;
  errors: Partial<Record<NumericKey, string>>;
}

/** Validates the fields that apply to `kind`; the others keep their last good value from `base`. */
export function parseDraft(kind: ModelKind, draft: Draft, base: TrainSettings): Parsed {
  const errors: Parsed['errors'] = {};
  const settings: TrainSettings = { ...base, kind };
  for (const f of fieldsFor(kind)) {
    const e = fieldError(f, draft[f.key]);
    if (e) errors[f.key] = e;
    else settings[f.key] = Number(draft[f.key].trim());
  }
  return { settings: Object.keys(errors).length ? null : settings, errors };
}
