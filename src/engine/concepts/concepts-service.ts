/**
 * The engine side of the Concepts section: everything is computed from the current MacridState
 * and cached on it, so a new model (training, a loaded file) starts from scratch and a map still
 * being computed for the old one is abandoned.
 */
import { correlationMatrix, uncorrelatedness } from '../../core/eval/uncorrelatedness';
import { anchoredAgreement, itemCategoryLabels, type ItemCategoryLabels } from '../../core/eval/concept-analysis';
import { buildAnchoring } from '../../core/concepts/anchors';
import type {
  ConceptsReport,
  ExportKind,
  ItemMapResult,
  MapOptions,
  MapProgress,
  MicroReport,
  MicroSource,
  Neighbours,
  UserAnchors,
} from '../../protocol/concepts';
import { assignmentsCsv, metadataTsv, vectorsTsv } from '../../core/concepts/export';
import { sampleIndices } from '../../core/concepts/knn';
import { DEFAULT_MAP_OPTIONS } from '../../protocol/constants';
import type { MapStarter } from '../../core/concepts/map/map-protocol';
import { itemMap, Superseded } from './item-map';
import {
  categoryAgreement,
  conceptFlags,
  conceptProfiles,
  conceptSizes,
  confidenceSummary,
  cosineMatrix,
  nearestByCosine,
} from '../../core/concepts/stats';
import type { DatasetState } from '../dataset/dataset-state';
import type { MacridState } from '../model/model-state';
import type { Workspace } from '../workspace';

interface MapJob {
  key: string;
  listeners: Set<(p: MapProgress) => void>;
  last: MapProgress | null;
  result: Promise<ItemMapResult>;
}

interface Cache {
  version: number;
  labels?: ItemCategoryLabels | null;
  report?: ConceptsReport;
  maps: Map<string, MapJob>;
  /** the options asked for last: an unfinished layout for other options is abandoned */
  latestMap?: string;
  micro: Map<string, MicroReport>;
}

const mapKey = (o: MapOptions) => `${o.nEpochs}:${o.nNeighbors}:${o.minDist}:${o.seed}:${o.sample}`;

/** What the service reads: the open dataset and the shown model (the engine's Workspace). */
export type ConceptsSource = Pick<Workspace, 'macrid' | 'requireData' | 'requireMacrid'>;

export class ConceptsService {
  private caches = new WeakMap<MacridState, Cache>();
  private versions = 0;

  /**
   * Work for a model other than the one `ws` shows when it finishes a step is abandoned.
   * `startThread` (optional) opens a thread for each map; without it maps are computed here.
   */
  constructor(
    private readonly ws: ConceptsSource,
    private readonly startThread?: MapStarter,
  ) {}

  private cache(m: MacridState): Cache {
    let c = this.caches.get(m);
    if (!c) {
      c = { version: ++this.versions, maps: new Map(), micro: new Map() };
      this.caches.set(m, c);
    }
    return c;
  }

  private labels(data: DatasetState, m: MacridState): ItemCategoryLabels | null {
    const c = this.cache(m);
    if (c.labels === undefined) {
      const labels = data.meta ? itemCategoryLabels(data.split.itemIds, data.meta) : null;
      c.labels = labels && labels.names.length > 0 ? labels : null;
    }
    return c.labels;
  }

  /** The anchored categories and the same labelled items the training drew (same settings, same seed). */
  private anchored(m: MacridState, labels: ItemCategoryLabels): ConceptsReport['anchored'] {
    const a = m.anchor!;
    const { K, d } = m.model.config;
    try {
      const { categoryIndex, targets } = buildAnchoring(labels, a, K, a.seed);
      const agreement = anchoredAgreement(m.assignment, m.items, m.prototypes, K, d, labels, categoryIndex, targets.items);
      return { ...agreement, labelled: targets.items.length, fraction: a.fraction, target: a.target };
    } catch {
      return null;
    }
  }

  report(): ConceptsReport {
    const data = this.ws.requireData();
    const m = this.ws.requireMacrid();
    const c = this.cache(m);
    if (c.report) return c.report;
    const { K, d, tau } = m.model.config;
    const M = m.concept.length;
    const { sizes, softSizes } = conceptSizes(m.concept, m.assignment, K);
    const prototypeCos = cosineMatrix(m.prototypes, K, d);
    const labels = this.labels(data, m);
    c.report = {
      version: c.version,
      M,
      K,
      d,
      tau,
      nUsers: data.users.ids.length,
      labels: m.labels,
      assignment: m.assignment,
      concept: m.concept,
      sizes,
      softSizes,
      confidence: confidenceSummary(m.assignment, K),
      prototypeCos,
      flags: conceptFlags(sizes, prototypeCos),
      categories: labels ? categoryAgreement(m.assignment, m.concept, m.items, m.prototypes, K, d, labels) : null,
      anchored: labels && m.anchor ? this.anchored(m, labels) : null,
      profiles: conceptProfiles({
        assignment: m.assignment,
        concept: m.concept,
        K,
        labels,
        clicks: data.users.clicks,
        userIds: data.users.ids,
      }),
    };
    return c.report;
  }

  /**
   * The UMAP layout of the normalised item vectors, with the layout so far on some progress
   * events (the first within a second, from the principal axes). Concurrent requests for the same options
   * share one run (each gets the progress events); a request for other options abandons an
   * unfinished run; finished layouts are kept per model.
   */
  map(options: Partial<MapOptions>, onProgress?: (p: MapProgress) => void): Promise<ItemMapResult> {
    const m = this.ws.requireMacrid();
    const c = this.cache(m);
    const opts = { ...DEFAULT_MAP_OPTIONS, ...options };
    const key = mapKey(opts);
    c.latestMap = key;
    let job = c.maps.get(key);
    if (!job) {
      const listeners = new Set<(p: MapProgress) => void>();
      const j: MapJob = { key, listeners, last: null, result: Promise.resolve(null as unknown as ItemMapResult) };
      const t0 = performance.now();
      const { hn, d, M } = m.space;
      const chosen = sampleIndices(M, opts.sample, opts.seed);
      const sub = chosen.length === M ? hn : new Float32Array(chosen.length * d);
      if (sub !== hn) chosen.forEach((i, r) => sub.set(hn.subarray(i * d, (i + 1) * d), r * d));
      const placed = (laid: Float32Array) => {
        if (chosen.length === M) return laid;
        const coords = new Float32Array(M * 2).fill(NaN);
        chosen.forEach((i, r) => {
          coords[2 * i] = laid[2 * r];
          coords[2 * i + 1] = laid[2 * r + 1];
        });
        return coords;
      };
      j.result = itemMap(
        sub,
        d,
        opts,
        (progress, laid) => {
          // Listeners get the layout so far; the job keeps progress only (a late listener waits for the next frame).
          j.last = progress;
          const p: MapProgress = laid ? { ...progress, coords: placed(laid) } : progress;
          for (const l of listeners) l(p);
        },
        () => {
          if (this.ws.macrid !== m || c.latestMap !== key) throw new Superseded();
        },
        this.startThread,
      )
        .then((laid) => ({ version: c.version, options: opts, coords: placed(laid), laidOut: chosen.length, ms: performance.now() - t0 }))
        .catch((e: unknown) => {
          if (c.maps.get(key) === j) c.maps.delete(key);
          throw e;
        })
        .finally(() => listeners.clear());
      job = j;
      c.maps.set(key, job);
    }
    if (onProgress) {
      job.listeners.add(onProgress);
      if (job.last) onProgress(job.last);
    }
    return job.result;
  }

  /** The n items closest (cosine, item space) to item i, itself excluded. */
  neighbours(item: number, n: number): Neighbours {
    const m = this.ws.requireMacrid();
    const { d, M } = m.space;
    if (!(item >= 0 && item < M)) throw new Error(`there is no item #${item}`);
    const q = m.space.hn.subarray(item * d, (item + 1) * d);
    return { item, ...nearestByCosine(m.space.hn, d, q, n, (i) => i !== item) };
  }

  /**
   * For each component μ_k of a user, its n nearest items (cosine) among the items of concept k
   * (argmax), to place μ_k on the map: μ_k scores items through c_ik, so only concept k's items
   * are its neighbourhood (SPEC §5.3 retrieves the same way). All items if concept k is empty.
   */
  userAnchors(user: number, n: number): UserAnchors {
    const m = this.ws.requireMacrid();
    const { K, d } = m.model.config;
    const nUsers = m.mus.length / (K * d);
    if (!(user >= 0 && user < nUsers)) throw new Error(`there is no user #${user}`);
    const anchors = Array.from({ length: K }, (_, k) => {
      const mu = m.mus.subarray((user * K + k) * d, (user * K + k + 1) * d);
      const inK = m.concept.includes(k);
      return nearestByCosine(m.space.hn, d, mu, n, inK ? (i) => m.concept[i] === k : undefined);
    });
    return { user, anchors };
  }

  /**
   * Correlation of the d dimensions of μ_k across all users, or of the item vectors h_i across
   * items, and the uncorrelatedness score (its formula is an assumption, SPEC §5.2).
   */
  micro(source: MicroSource): MicroReport {
    const m = this.ws.requireMacrid();
    const c = this.cache(m);
    const key = source.kind === 'users' ? `u${source.k}` : 'items';
    const hit = c.micro.get(key);
    if (hit) return hit;
    const { K, d } = m.model.config;
    let x: Float32Array;
    if (source.kind === 'users') {
      if (!(source.k >= 0 && source.k < K)) throw new Error(`there is no component ${source.k}`);
      const nUsers = m.mus.length / (K * d);
      x = new Float32Array(nUsers * d);
      for (let u = 0; u < nUsers; u++) x.set(m.mus.subarray((u * K + source.k) * d, (u * K + source.k + 1) * d), u * d);
    } else {
      x = m.items;
    }
    const corr = correlationMatrix(x, d);
    const r: MicroReport = { version: c.version, source, D: d, n: x.length / d, corr: corr.data, uncorrelatedness: uncorrelatedness(corr) };
    c.micro.set(key, r);
    return r;
  }

  exportText(kind: ExportKind): string {
    const data = this.ws.requireData();
    const m = this.ws.requireMacrid();
    const K = m.model.config.K;
    const ids = data.split.itemIds;
    switch (kind) {
      case 'assignments.csv':
        return assignmentsCsv({ ids, titles: data.titles, concept: m.concept, assignment: m.assignment, K });
      case 'vectors.tsv':
        return vectorsTsv(m.space.hn, m.space.d);
      case 'metadata.tsv':
        return metadataTsv({ ids, titles: data.titles, concept: m.concept, categories: data.categories });
    }
  }
}
