/** The shareable part of the view, kept in the URL hash so a copied link reopens it. */
export interface UrlView {
  dataset?: string;
  user?: string;
  component?: number;
  topN?: number;
  offsets: Record<string, number>;
}

export function parseHash(hash: string): UrlView {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const num = (key: string) => {
    const v = params.get(key);
    return v !== null && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
  };
  const offsets: Record<string, number> = {};
  for (const part of (params.get('o') ?? '').split(',').filter(Boolean)) {
    const m = /^(\d+)\.(\d+)=(-?[\d.e+-]+)$/.exec(part);
    if (m && Number.isFinite(Number(m[3]))) offsets[`${m[1]}:${m[2]}`] = Number(m[3]);
  }
  return { dataset: params.get('ds') ?? undefined, user: params.get('u') ?? undefined, component: num('k'), topN: num('n'), offsets };
}

/**
 * Offsets as the URL stores them (4 significant digits). The store rounds every offset the same
 * way before the engine sees it, so a copied link reproduces the exact scores, not nearly them.
 */
export function roundOffset(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) < 1e-9) return 0;
  return Number(x.toPrecision(4));
}

export function formatHash(v: UrlView): string {
  const params = new URLSearchParams();
  if (v.dataset) params.set('ds', v.dataset);
  if (v.user !== undefined) params.set('u', v.user);
  if (v.component !== undefined) params.set('k', String(v.component));
  if (v.topN !== undefined) params.set('n', String(v.topN));
  const o = Object.entries(v.offsets)
    .filter(([, x]) => roundOffset(x) !== 0)
    .map(([key, x]) => `${key.replace(':', '.')}=${roundOffset(x)}`);
  if (o.length) params.set('o', o.join(','));
  return '#' + params.toString();
}

/** Keeps only what fits the open dataset and model (as Embedding Projector validates bookmarks). */
export function validateView(v: UrlView, limits: { userIds: string[]; K: number; d: number }): UrlView {
  const offsets: Record<string, number> = {};
  for (const [key, x] of Object.entries(v.offsets)) {
    const [k, j] = key.split(':').map(Number);
    if (k < limits.K && j < limits.d && roundOffset(x) !== 0) offsets[key] = roundOffset(x);
  }
  return {
    dataset: v.dataset,
    user: v.user !== undefined && limits.userIds.includes(v.user) ? v.user : undefined,
    component: v.component !== undefined && v.component >= 0 && v.component < limits.K ? Math.floor(v.component) : undefined,
    topN: v.topN !== undefined && v.topN >= 1 && v.topN <= 200 ? Math.floor(v.topN) : undefined,
    offsets,
  };
}
