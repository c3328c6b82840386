import { nearestByCosine } from '../../core/concepts/stats';
import { batchFromItems } from '../../core/model/batch';
import { topNIndices } from '../../core/rank/top-n';
import {
  evenlySpaced,
  intentionShares,
  LatentScorer,
  LinearScorer,
  traversalStrip,
  type DimensionRanges,
  type TraversalList,
  type TraversalScorer,
} from '../../core/traversal';
import type { DimensionInfo, OffsetChange, Ranked, RecResult, StripResult, TraversalRange, UserView, WhyItem } from '../../protocol/engine';
import { fresh } from '../host/transfer';
import type { Workspace } from '../workspace';
import { measureDimensions, rangeOf, topDimensions } from './dimensions';
import { itemVectors } from './item-vectors';

interface Selection {
  user: number;
  scorer: TraversalScorer | null;
  history: Int32Array;
}

const ALL_CLICKS = {
  name: '',
  weak: true,
  evidence: [],
  short: 'all clicks',
  detail: 'This model has no concepts: one representation per user.',
};

/**
 * The selected user and the latent traversal on them: a slider move costs O(M) on the cached
 * item space (core/traversal), never a tfjs call. A new dataset or model drops the selection.
 */
export class Explorer {
  private selection: Selection | null = null;
  private dimCache = new Map<string, DimensionInfo>();
  private topCache = new Map<string, Int32Array>();
  private vectorCache: ReturnType<typeof itemVectors> | null = null;

  constructor(private readonly ws: Workspace) {
    ws.onChange(() => {
      this.selection = null;
      this.dimCache.clear();
      this.topCache.clear();
      this.vectorCache = null;
    });
  }

  async selectUser(user: number, n: number): Promise<UserView> {
    const data = this.ws.requireData();
    this.ws.requireModel();
    if (!(user >= 0 && user < data.users.ids.length)) throw new Error(`there is no user #${user}`);
    const c = data.users.clicks;
    const history = c.indices.slice(c.indptr[user], c.indptr[user + 1]);
    const m = this.ws.macrid;
    const linear = this.ws.linear;
    this.dimCache.clear();
    this.topCache.clear();
    // The selection keeps `history`; what crosses the wall is a copy, so transferring it detaches nothing here.
    const base = { user, id: data.users.ids[user], role: data.users.roles[user], history: history.slice() };
    if (!m && linear) {
      const d = linear.ranges.d;
      const mu = linear.mus.slice(user * d, (user + 1) * d);
      const scorer = new LinearScorer(linear.W, linear.b, mu, history);
      this.selection = { user, scorer, history };
      return fresh({
        ...base,
        shares: Float32Array.of(1),
        mu,
        historyByComponent: [history.slice()],
        componentTop: [scorer.topN(n)],
        conceptLabels: [ALL_CLICKS],
      });
    }
    if (!m) {
      this.selection = { user, scorer: null, history };
      const top = await this.baselineTop(history, n);
      return fresh({
        ...base,
        shares: Float32Array.of(1),
        mu: new Float32Array(0),
        historyByComponent: [history.slice()],
        componentTop: [top],
        conceptLabels: [ALL_CLICKS],
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

  private async baselineScores(history: Int32Array): Promise<Float32Array> {
    const model = this.ws.requireModel();
    const scores = model.scores(batchFromItems(history, this.ws.requireData().split.itemIds.length));
    const values = (await scores.data()) as Float32Array;
    scores.dispose();
    return values;
  }

  private async baselineTop(history: Int32Array, n: number): Promise<Ranked> {
    const values = await this.baselineScores(history);
    const exclude = new Uint8Array(values.length);
    history.forEach((i) => (exclude[i] = 1));
    const items = topNIndices(values, n, { exclude });
    return { items, scores: Float32Array.from(items, (i) => values[i]) };
  }

  /** The top-n with the current offsets and without any (the base for entered / left marks); `focus` picks "Component k alone". */
  async rankings(n: number, focus: number): Promise<{ recs: RecResult; base: RecResult }> {
    const t0 = performance.now();
    const sel = this.requireSelection();
    if (!sel.scorer) {
      const top = await this.baselineTop(sel.history, n);
      const ms = performance.now() - t0;
      return fresh({ recs: { ...top, ms, alone: null }, base: { items: top.items.slice(), scores: top.scores.slice(), ms, alone: null } });
    }
    const current = sel.scorer.snapshot();
    sel.scorer.resetOffsets();
    const base = this.listed(sel.scorer, n, focus, 0);
    sel.scorer.restore(current);
    return fresh({ recs: this.listed(sel.scorer, n, focus, performance.now() - t0), base });
  }

  /** Both lists; "Component k alone" only where there are components to tell apart. */
  private listed(scorer: TraversalScorer, n: number, focus: number, ms: number): RecResult {
    const k = Math.min(Math.max(0, focus), scorer.K - 1);
    return { ...scorer.topN(n), ms, alone: scorer.K > 1 ? { k, ...scorer.componentTopN(k, n) } : null };
  }

  private ranges(): DimensionRanges {
    const r = this.ws.macrid?.ranges ?? this.ws.linear?.ranges;
    if (!r) throw new Error('latent traversal needs a MacridVAE or β-Mult-VAE model');
    return r;
  }

  /** Moves coordinates (k, j) to μ_kj + offset and re-ranks both lists: O(M) per change, no tfjs. */
  moveOffsets(changes: OffsetChange[], n: number, focus: number): RecResult {
    const t0 = performance.now();
    const scorer = this.requireScorer();
    for (const c of changes) scorer.setOffset(c.k, c.j, c.offset);
    const r = this.listed(scorer, n, focus, 0);
    r.ms = performance.now() - t0;
    return fresh(r);
  }

  /** Applies several offsets at once, from zero (a shared link reopening a view). */
  setOffsets(offsets: OffsetChange[], n: number, focus: number): RecResult {
    const scorer = this.requireScorer();
    scorer.resetOffsets();
    return this.moveOffsets(offsets, n, focus);
  }

  resetOffsets(n: number, focus: number): RecResult {
    return this.setOffsets([], n, focus);
  }

  /**
   * Slider ranges, how much each dimension of component k moves both lists, and what it does to
   * the component's own ranking; measured at the user's own latent (no offsets), so the order
   * neither depends on where the sliders stood nor differs when a shared link is reopened.
   */
  dimensions(k: number, n: number, range: TraversalRange = 'data'): DimensionInfo {
    const key = `${k}:${n}:${range}`;
    const cached = this.dimCache.get(key);
    if (cached) return cached;
    const topKey = `${n}:${range}`;
    let tops = this.topCache.get(topKey);
    if (!tops) {
      tops = topDimensions(this.ranges(), this.requireScorer(), n, range);
      this.topCache.set(topKey, tops);
    }
    const info = measureDimensions(this.ranges(), this.ws.requireData(), this.requireScorer(), k, n, range, tops);
    this.dimCache.set(key, info);
    return info;
  }

  strip(k: number, j: number, count: number, n: number, range: TraversalRange = 'data', list: TraversalList = 'component'): StripResult {
    const { lo, hi } = rangeOf(this.ranges(), k, range);
    const values = evenlySpaced(lo[j], hi[j], count);
    const steps = traversalStrip(this.requireScorer(), k, j, values, n, list).map((s) => s.items);
    return fresh({ k, j, range, list, values, steps });
  }

  /** The score of `item` split by component, its concept weights, and the user's clicks nearest to it. */
  async whyItem(item: number, nNearest = 5): Promise<WhyItem> {
    const sel = this.requireSelection();
    const data = this.ws.requireData();
    const M = data.split.itemIds.length;
    if (!Number.isInteger(item) || item < 0 || item >= M) throw new Error(`there is no item #${item}`);
    const clicked = new Set(sel.history);
    const keep = (i: number) => clicked.has(i) && i !== item;
    if (sel.scorer instanceof LatentScorer) {
      const { space } = sel.scorer;
      const { shares, score } = sel.scorer.breakdown(item);
      const query = space.hn.subarray(item * space.d, (item + 1) * space.d);
      return fresh({
        item,
        score,
        shares: Float32Array.from(shares),
        conceptWeights: Float32Array.from({ length: space.K }, (_, k) => space.cT[k * space.M + item]),
        nearest: nearestByCosine(space.hn, space.d, query, nNearest, keep),
        space: 'the item representations h_i of the decoder',
      });
    }
    const vectors = await this.vectors();
    const query = vectors.hn.subarray(item * vectors.d, (item + 1) * vectors.d);
    const score = sel.scorer instanceof LinearScorer ? sel.scorer.scores()[item] : (await this.baselineScores(sel.history))[item];
    return fresh({
      item,
      score,
      shares: new Float32Array(0),
      conceptWeights: new Float32Array(0),
      nearest: nearestByCosine(vectors.hn, vectors.d, query, nNearest, keep),
      space: vectors.source,
    });
  }

  private async vectors() {
    this.vectorCache ??= itemVectors(this.ws.requireModel(), this.ws.requireData().split.itemIds.length);
    return this.vectorCache;
  }

  private requireSelection(): Selection {
    if (!this.selection) throw new Error('no user is selected');
    return this.selection;
  }

  private requireScorer(): TraversalScorer {
    const s = this.requireSelection().scorer;
    if (!s) throw new Error('latent traversal needs a MacridVAE or β-Mult-VAE model');
    return s;
  }
}
