import type { Recommender } from '../core/model/types';
import type { LoadedState, ModelInfo } from '../protocol/engine';
import type { DatasetState } from './dataset/dataset-state';
import { MultVAE } from '../core/model/multvae';
import { buildLinearState, buildMacridState, isMacrid, type LinearState, type MacridState } from './model/model-state';

export type ModelProvenance = Pick<ModelInfo, 'source' | 'bestEpoch' | 'epochs' | 'test'> &
  Partial<Pick<ModelInfo, 'libraryId' | 'name' | 'anchor' | 'snapshot'>>;

/**
 * The open dataset and the shown model, which every engine service reads. A change of either
 * tells the listeners (the explorer drops its selection, the concepts caches follow the model).
 */
export class Workspace {
  private data: DatasetState | null = null;
  private model: Recommender | null = null;
  private info: ModelInfo | null = null;
  private macridState: MacridState | null = null;
  private linearState: LinearState | null = null;
  private readonly listeners = new Set<() => void>();
  /** why the dataset cannot be replaced right now (a training run), null when it can */
  busy: string | null = null;

  get dataset(): DatasetState | null {
    return this.data;
  }

  get macrid(): MacridState | null {
    return this.macridState;
  }

  /** β-Mult-VAE's traversal state, null for other models */
  get linear(): LinearState | null {
    return this.linearState;
  }

  get recommender(): Recommender | null {
    return this.model;
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  requireData(): DatasetState {
    if (!this.data) throw new Error('no dataset is open');
    return this.data;
  }

  requireModel(): Recommender {
    if (!this.model) throw new Error('no model is loaded');
    return this.model;
  }

  requireMacrid(): MacridState {
    if (!this.macridState) throw new Error('this needs a MacridVAE model');
    return this.macridState;
  }

  loaded(): LoadedState {
    return { dataset: this.requireData().info, model: this.info };
  }

  /** Opens a dataset with no model (the model of the previous one, if any, is disposed). */
  setDataset(data: DatasetState): void {
    this.disposeModel();
    this.data = data;
    this.changed();
  }

  /**
   * Swaps in another dataset. The model stays when it knows exactly the new dataset's items;
   * otherwise it is closed, and the returned sentence says why.
   */
  async replaceDataset(next: DatasetState): Promise<string | null> {
    const old = this.data?.split.itemIds;
    const vocab = next.split.itemIds;
    if (this.model && old && sameItems(old, vocab)) {
      const macrid = isMacrid(this.model) ? await buildMacridState(this.model, next) : null;
      const linear = this.model instanceof MultVAE ? await buildLinearState(this.model, next) : null;
      this.data = next;
      this.macridState = macrid && this.macridState?.anchor ? { ...macrid, anchor: this.macridState.anchor } : macrid;
      this.linearState = linear;
      this.changed();
      return null;
    }
    const dropped = this.model
      ? `The ${this.info?.kind ?? 'previous'} model was closed: it knows ${old?.length ?? 0} items and the new dataset has ${vocab.length}${old?.length === vocab.length ? ' different ones' : ''}.`
      : null;
    this.setDataset(next);
    return dropped;
  }

  /** Makes `model` the shown one, taking ownership: it is disposed here if its explorer state cannot be built. */
  async setModel(model: Recommender, provenance: ModelProvenance): Promise<ModelInfo> {
    let macrid: MacridState | null;
    let linear: LinearState | null;
    try {
      macrid = isMacrid(model) ? await buildMacridState(model, this.requireData()) : null;
      linear = model instanceof MultVAE ? await buildLinearState(model, this.requireData()) : null;
    } catch (e) {
      model.dispose();
      throw e;
    }
    this.disposeModel();
    this.model = model;
    this.macridState = macrid && provenance.anchor ? { ...macrid, anchor: provenance.anchor } : macrid;
    this.linearState = linear;
    const c = model.config;
    this.info = {
      kind: c.kind,
      config: c,
      libraryId: null,
      name: `${c.kind} (${provenance.source})`,
      ...provenance,
      K: c.kind === 'macridvae' ? c.K : 1,
      d: c.d,
    };
    this.changed();
    return this.info;
  }

  /** The shown model got (or changed) its library entry. */
  setLibraryEntry(libraryId: string | null, name?: string): void {
    if (!this.info) return;
    this.info = { ...this.info, libraryId, name: name ?? this.info.name };
  }

  private disposeModel(): void {
    this.model?.dispose();
    this.model = null;
    this.info = null;
    this.macridState = null;
    this.linearState = null;
  }
}

export function sameItems(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
