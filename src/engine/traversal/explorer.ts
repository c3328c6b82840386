import { batchFromItems } from '../../core/model/batch';
import { topNIndices } from '../../core/rank/top-n';
import {
  componentSliderRanges,
  dimensionSensitivity,
  evenlySpaced,
  intentionShares,
  LatentScorer,
  rankDimensions,
  traversalStrip,
} from '../../core/traversal';
import type { DimensionInfo, OffsetChange, Ranked, RecResult, StripResult, UserView } from '../../protocol/engine';
import { fresh } from '../host/transfer';
import type { Workspace } from '../workspace';

interface Selection {
  user: number;
  scorer: LatentScorer | null;
  history: Int32Array;
}

/**
 * The selected user and the latent traversal on them: a slider move costs O(M) on the cached
 * item space (core/traversal), never a tfjs call. A new dataset or model drops the selection.
 */
export class Explorer {
  private selection: Selection | null = null;
  private dimCache = new Map<string, DimensionInfo>();

  constructor(private readonly ws: Workspace) {
    ws.onChange(() => {
      this.selection = null;
      this.dimCache.clear();
    });
  }

  async selectUser(user: number, n: number): Promise<UserView> {
    const data = this.ws.requireData();
    this.ws.requireModel();
    if (!(user >= 0 && user < data.users.ids.length)) throw new Error(`there is no user #${user}`);
    const c = data.users.clicks;
    const history = c.indices.slice(c.indptr[user], c.indptr[user + 1]);
    const m = this.ws.macrid;
    this.dimCache.clear();
    // The selection keeps `history`; what crosses the wall is a copy, so transferring it detaches nothing here.
    const base = { user, id: data.users.ids[user], role: data.users.roles[user], history: history.slice() };
    if (!m) {
      this.selection = { user, scorer: null, history };
      const top = await this.baselineTop(history, n);
      return fresh({
        ...base,
        shares: Float32Array.of(1),
        mu: new Float32Array(0),
        historyByComponent: [history.slice()],
        componentTop: [top],
        conceptLabels: ['all'],
      });
    }
    const { K, d } = m.model.config;
    const mu = m.mus.slice(user * K * d, (user + 1) * K * d);
    const scorer = new LatentScorer(m.space, mu, history);
    this.selection = { user, scorer, history };
    return fresh({
      ...base,
      shares: intentionShares(history, m.assignment, K),
      mu,
      historyByComponent: Array.from({ length: K }, (_, k) => history.filter((i) => m.concept[i] === k)),
      componentTop: Array.from({ length: K }, (_, k) => scorer.componentTopN(k, n)),
      conceptLabels: m.labels,
    });
  }

  private async baselineTop(history: Int32Array, n: number): Promise<Ranked> {
    const model = this.ws.requireModel();
    const scores = model.scores(batchFromItems(history, this.ws.requireData().split.itemIds.length));
    const values = (await scores.data()) as Float32Array;
    scores.dispose();
    const exclude = new Uint8Array(values.length);
    history.forEach((i) => (exclude[i] = 1));
    const items = topNIndices(values, n, { exclude });
    return { items, scores: Float32Array.from(items, (i) => values[i]) };
  }

  /** The top-n with the current offsets and without any (the base for entered / left marks). */
  async rankings(n: number): Promise<{ recs: RecResult; base: RecResult }> {
    const t0 = performance.now();
    const sel = this.requireSelection();
    if (!sel.scorer) {
      const top = await this.baselineTop(sel.history, n);
      const ms = performance.now() - t0;
      return fresh({ recs: { ...top, ms }, base: { items: top.items.slice(), scores: top.scores.slice(), ms } });
    }
    const current = sel.scorer.snapshot();
    sel.scorer.resetOffsets();
    const base = { ...sel.scorer.topN(n), ms: 0 };
    sel.scorer.restore(current);
    return fresh({ recs: { ...sel.scorer.topN(n), ms: performance.now() - t0 }, base });
  }

  /** Moves coordinates (k, j) to μ_kj + offset and re-ranks: O(M) per change, no tfjs. */
  moveOffsets(changes: OffsetChange[], n: number): RecResult {
    const t0 = performance.now();
    const scorer = this.requireScorer();
    for (const c of changes) scorer.setOffset(c.k, c.j, c.offset);
    return fresh({ ...scorer.topN(n), ms: performance.now() - t0 });
  }

  /** Applies several offsets at once, from zero (a shared link reopening a view). */
  setOffsets(offsets: OffsetChange[], n: number): RecResult {
    const scorer = this.requireScorer();
    scorer.resetOffsets();
    return this.moveOffsets(offsets, n);
  }

  resetOffsets(n: number): RecResult {
    return this.setOffsets([], n);
  }

  /** Slider ranges (data-driven) and how much each dimension of component k moves the top-n. */
  dimensions(k: number, n: number): DimensionInfo {
    const key = `${k}:${n}`;
    const cached = this.dimCache.get(key);
    if (cached) return cached;
    const m = this.ws.requireMacrid();
    const scorer = this.requireScorer();
    const { lo, hi } = componentSliderRanges(m.ranges, k);
    // Measured at the user's own latent (no offsets), so the slider order neither depends on where
    // the sliders stood when it was first asked for nor differs when a shared link is reopened.
    const saved = scorer.snapshot();
    scorer.resetOffsets();
    let sensitivity: Float32Array;
    try {
      sensitivity = dimensionSensitivity(scorer, k, n, { lo, hi });
    } finally {
      scorer.restore(saved);
    }
    const info: DimensionInfo = { k, lo, hi, sensitivity, order: rankDimensions(sensitivity) };
    this.dimCache.set(key, info);
    return info;
  }

  strip(k: number, j: number, count: number, n: number): StripResult {
    const m = this.ws.requireMacrid();
    const scorer = this.requireScorer();
    const { lo, hi } = componentSliderRanges(m.ranges, k);
    const values = evenlySpaced(lo[j], hi[j], count);
    const steps = traversalStrip(scorer, k, j, values, n).map((s) => s.items);
    return fresh({ k, j, values, steps });
  }

  private requireSelection(): Selection {
    if (!this.selection) throw new Error('no user is selected');
    return this.selection;
  }

  private requireScorer(): LatentScorer {
    const s = this.requireSelection().scorer;
    if (!s) throw new Error('latent traversal needs a MacridVAE model');
    return s;
  }
}
