import { ANCHOR_DEFAULTS } from '../core/model/defaults';
import type { AnchorSettings } from '../core/concepts/anchors';

/** The anchoring flags of train and reproduce (node:util parseArgs options). */
export const ANCHOR_FLAG_OPTIONS = {
  'anchor-categories': { type: 'string' },
  'anchor-fraction': { type: 'string' },
  'anchor-weight': { type: 'string' },
  'anchor-target': { type: 'string' },
} as const;

export type AnchorFlags = Partial<Record<keyof typeof ANCHOR_FLAG_OPTIONS, string>>;

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

/** parseAnchorFlags for a command's startup: a bad value is printed on one line and exits with code 2. */
export function anchorFlagsOrExit(
  flags: AnchorFlags,
  K: number,
  allowList: boolean,
  context: { meta?: string; models: string[] },
): AnchorChoice | null {
  try {
    const choice = parseAnchorFlags(flags, K, allowList);
    if (choice && !context.meta) throw new Error('the --anchor-* flags need item metadata (--meta FILE)');
    const other = context.models.find((m) => m !== 'macridvae');
    if (choice && other) throw new Error(`the --anchor-* flags apply to MacridVAE only, not to ${other}`);
    return choice;
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}
