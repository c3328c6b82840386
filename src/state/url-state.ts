import { isTopN } from '../protocol/constants';
import type { TraversalRange } from '../protocol/engine';

/** The shareable part of the view, kept in the URL hash so a copied link reopens it. */
export interface UrlView {
  dataset?: string;
  user?: string;
  component?: number;
  topN?: number;
  range?: TraversalRange;
  offsets: Record<string, number>;
}

interface Prop<T> {
  /** the hash parameter */
  key: string;
  parse(raw: string): T | undefined;
  /** null leaves the parameter out */
  format(value: T): string | null;
}

const text: Omit<Prop<string>, 'key'> = { parse: (raw) => raw, format: (v) => v };
const number: Omit<Prop<number>, 'key'> = {
  parse: (raw) => (raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : undefined),
  format: (v) => String(v),
};

/**
 * Offsets as the URL stores them (4 significant digits). The store rounds every offset the same
 * way before the engine sees it, so a copied link reproduces the exact scores, not nearly them.
 */
export function roundOffset(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) < 1e-9) return 0;
  return Number(x.toPrecision(4));
}

const offsets: Omit<Prop<Record<string, number>>, 'key'> = {
  parse: (raw) => {
    const out: Record<string, number> = {};
    for (const part of raw.split(',').filter(Boolean)) {
      const m = /^(\d+)\.(\d+)=(-?[\d.e+-]+)$/.exec(part);
      if (m && Number.isFinite(Number(m[3]))) out[`${m[1]}:${m[2]}`] = Number(m[3]);
    }
    return out;
  },
  format: (v) => {
    const parts = Object.entries(v)
      .filter(([, x]) => roundOffset(x) !== 0)
      .map(([key, x]) => `${key.replace(':', '.')}=${roundOffset(x)}`);
    return parts.length ? parts.join(',') : null;
  },
};

/** One row per property of the view: the same table parses and writes the hash (as TensorFlow Playground's state.ts does). */
const PROPS: { [K in keyof UrlView]-?: Prop<NonNullable<UrlView[K]>> } = {
  dataset: { key: 'ds', ...text },
  user: { key: 'u', ...text },
  component: { key: 'k', ...number },
  topN: { key: 'n', ...number },
  range: { key: 'r', parse: (raw) => (raw === 'full' || raw === 'data' ? raw : undefined), format: (v) => (v === 'full' ? v : null) },
  offsets: { key: 'o', ...offsets },
};

const NAMES = Object.keys(PROPS) as (keyof UrlView)[];

export function parseHash(hash: string): UrlView {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const view: UrlView = { offsets: {} };
  for (const name of NAMES) {
    const raw = params.get(PROPS[name].key);
    const value = raw === null ? undefined : PROPS[name].parse(raw);
    if (value !== undefined) (view as unknown as Record<string, unknown>)[name] = value;
  }
  return { dataset: view.dataset, user: view.user, component: view.component, topN: view.topN, range: view.range, offsets: view.offsets };
}

export function formatHash(v: UrlView): string {
  const params = new URLSearchParams();
  for (const name of NAMES) {
    const value = v[name];
    if (value === undefined) continue;
    const raw = (PROPS[name] as Prop<typeof value>).format(value);
    if (raw !== null) params.set(PROPS[name].key, raw);
  }
  return '#' + params.toString();
}

/** Keeps only what fits the open dataset and model (as Embedding Projector validates bookmarks). */
export function validateView(v: UrlView, limits: { userIds: string[]; K: number; d: number }): UrlView {
  const kept: Record<string, number> = {};
  for (const [key, x] of Object.entries(v.offsets)) {
    const [k, j] = key.split(':').map(Number);
    if (k < limits.K && j < limits.d && roundOffset(x) !== 0) kept[key] = roundOffset(x);
  }
  return {
    dataset: v.dataset,
    user: v.user !== undefined && limits.userIds.includes(v.user) ? v.user : undefined,
    component: v.component !== undefined && v.component >= 0 && v.component < limits.K ? Math.floor(v.component) : undefined,
    topN: v.topN !== undefined && isTopN(Math.floor(v.topN)) ? Math.floor(v.topN) : undefined,
    range: v.range,
    offsets: kept,
  };
}
