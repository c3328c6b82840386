import { ANCHOR_DEFAULTS } from '../core/model/defaults';
import type { AnchorSettings } from '../core/concepts/anchors';
import { FlagError, type Flag } from './flags';

const text = (value: string): Flag<string> => ({ value, parse: (raw) => raw });

/** The anchoring flags of train and reproduce, read as text and checked together by {@link anchorChoice}. */
export const ANCHOR_FLAGS = {
  'anchor-categories': text('auto|A,B,…'),
  'anchor-fraction': text('F'),
  'anchor-weight': text('W'),
  'anchor-target': text('even|rarest'),
};

export type AnchorFlags = Partial<Record<keyof typeof ANCHOR_FLAGS, string>>;

export interface AnchorChoice {
  categories: AnchorSettings['categories'];
  /** one label budget per run (several only where `allowList`) */
  fractions: number[];
  weight: number;
  target: 'even' | 'rarest';
}

function parseFraction(raw: string): number {
  const f = raw.trim() === '' ? NaN : Number(raw);
  if (!(f >= 0 && f <= 1)) throw new Error(`--anchor-fraction must be a number from 0 to 1, got "${raw}"`);
  return f;
}

/**
 * The anchoring asked for, or null when no anchor flag is given; any one of them turns anchoring
 * on, the others taking ANCHOR_DEFAULTS. Throws a one-line message for a bad value.
 */
export function parseAnchorFlags(flags: AnchorFlags, K: number, allowList: boolean): AnchorChoice | null {
  const {
    'anchor-categories': cats,
    'anchor-fraction': fraction,
    'anchor-weight': weight,
    'anchor-target': target = ANCHOR_DEFAULTS.target,
  } = flags;
  if (cats === undefined && fraction === undefined && weight === undefined && flags['anchor-target'] === undefined) return null;
  if (target !== 'even' && target !== 'rarest') throw new Error(`--anchor-target must be "even" or "rarest", got "${target}"`);
  let categories: AnchorSettings['categories'] = ANCHOR_DEFAULTS.categories;
  if (cats !== undefined && cats.trim() !== 'auto') {
    const names = cats.split(',').map((c) => c.trim());
    if (names.some((n) => n === '')) throw new Error(`--anchor-categories must be "auto" or a comma list of category names, got "${cats}"`);
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated) throw new Error(`--anchor-categories lists "${repeated}" twice`);
    if (names.length > K) throw new Error(`--anchor-categories lists ${names.length} categories but the model has K = ${K} prototypes`);
    categories = names;
  }
  const rawFractions = fraction === undefined ? [String(ANCHOR_DEFAULTS.fraction)] : fraction.split(',');
  if (!allowList && rawFractions.length > 1) throw new Error(`--anchor-fraction takes one number here, got "${fraction}"`);
  const w = weight === undefined ? ANCHOR_DEFAULTS.weight : weight.trim() === '' ? NaN : Number(weight);
  if (!(w >= 0 && Number.isFinite(w))) throw new Error(`--anchor-weight must be a finite number ≥ 0, got "${weight}"`);
  return { categories, fractions: rawFractions.map(parseFraction), weight: w, target };
}

/** parseAnchorFlags with the command's context; a bad combination is a FlagError (one line, exit code 2). */
export function anchorChoice(
  flags: AnchorFlags,
  K: number,
  allowList: boolean,
  context: { meta?: string; models: readonly string[] },
): AnchorChoice | null {
  let choice: AnchorChoice | null;
  try {
    choice = parseAnchorFlags(flags, K, allowList);
  } catch (e) {
    throw new FlagError((e as Error).message);
  }
  if (choice && !context.meta) throw new FlagError('the --anchor-* flags need item metadata (--meta FILE)');
  const other = context.models.find((m) => m !== 'macridvae');
  if (choice && other) throw new FlagError(`the --anchor-* flags apply to MacridVAE only, not to ${other}`);
  return choice;
}
