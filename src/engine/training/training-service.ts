import { buildAnchoring, type Anchoring } from '../../core/concepts/anchors';
import { itemCategoryLabels } from '../../core/eval/concept-analysis';
import type { PeerStarter } from '../../core/train/replica';
import { tf } from '../../core/tf';
import type { ModelInfo, TrainEvent, TrainSettings, TrainState } from '../../protocol/engine';
import type { RunStatus, StoredModel } from '../../protocol/library';
import { newId, type LibraryService } from '../library/library-service';
import type { Workspace } from '../workspace';
import { loadModel, saveModel, type SavedModel } from '../../core/model/checkpoint';
import { simulatedBufferLimit } from '../../core/model/decoder';
import type { RunHooks } from './training-run';
import { TrainerHost, type TrainerHostApi } from './trainer-host';

/** Opens a training thread of its own and its host there (Comlink-wrapped); `close` ends the thread. */
export type TrainerStarter = () => Promise<{ host: TrainerHostApi; close: () => void }>;

const STATUS: Partial<Record<TrainState, RunStatus>> = { done: 'complete', stopped: 'stopped', diverged: 'diverged' };

function runName(s: TrainSettings): string {
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  return s.kind === 'macridvae' ? `MacridVAE K=${s.K} d=${s.d} · ${when}` : `${s.kind} d=${s.d} · ${when}`;
}

/**
 * One training run at a time on the open dataset. A run is a library entry from its first epoch
 * on: its best checkpoint (weights, Adam and shuffler state) is stored whenever it improves, so a
 * reload leaves it resumable. A run never replaces the shown model; the user chooses it.
 */
export class TrainingService {
  private host: TrainerHostApi | null = null;
  /** while snapshots are shown: the model shown before them, kept whole (null: there was none) */
  private before: { saved: SavedModel; info: ModelInfo } | null | undefined = undefined;

  /** `startPeers` (optional) runs data-parallel training replicas in other threads on cpu/wasm. */
  constructor(
    private readonly ws: Workspace,
    private readonly library: LibraryService,
    private readonly startPeers?: PeerStarter,
    private readonly startTrainer?: TrainerStarter,
  ) {}

  /** Trains a new model on the open dataset; events stream to `onEvent`, the last one carrying its library entry. */
  async train(settings: TrainSettings, onEvent: (e: TrainEvent) => void, startPaused = false): Promise<void> {
    const data = this.ws.requireData();
    const entry: StoredModel = {
      id: newId(),
      dataset: data.info.fingerprint,
      name: runName(settings),
      kind: settings.kind,
      K: settings.kind === 'macridvae' ? settings.K : 1,
      d: settings.d,
      source: 'trained',
      status: 'running',
      settings,
      epochs: 0,
      bestEpoch: 0,
      history: [],
      createdAt: Date.now(),
      seconds: 0,
      bytes: 0,
      resumable: false,
      ...(settings.kind === 'macridvae' && settings.anchor ? { anchor: this.anchoring(settings).record.categories } : {}),
    };
    await this.go(entry, onEvent, startPaused);
  }

  /** Goes on with an interrupted or stopped run from its best checkpoint, to its planned number of epochs. */
  async continueRun(id: string, onEvent: (e: TrainEvent) => void, startPaused = false): Promise<void> {
    const entry = await this.library.store.model(id);
    const state = await this.library.store.runState(id);
    if (!entry?.settings || !state) throw new Error('that run has no saved state to resume from');
    if (entry.dataset !== this.ws.requireData().info.fingerprint) throw new Error(`${entry.name} was trained on another dataset`);
    const history = entry.history.filter((p) => p.epoch <= state.epoch);
    await this.go({ ...entry, status: 'running', epochs: state.epoch, history }, onEvent, startPaused, { state, history });
  }

  private async go(
    entry: StoredModel,
    onEvent: (e: TrainEvent) => void,
    startPaused: boolean,
    resumeFrom?: RunHooks['resumeFrom'],
  ): Promise<void> {
    const data = this.ws.requireData();
    if (this.host) throw new Error('a training run is already in progress');
    const settings = entry.settings!;
    const anchoring = settings.kind === 'macridvae' && settings.anchor ? this.anchoring(settings) : null;
    let epochs = entry.epochs;
    let bestEpoch = entry.bestEpoch;
    let state: TrainEvent['state'] = startPaused ? 'paused' : 'running';
    const relay = (e: TrainEvent) => {
      ({ epochs, bestEpoch, state } = e);
      onEvent(e);
    };
    const say = (note: string | null) => note && onEvent({ state, epochs, bestEpoch, message: note });
    let current = entry;
    let kept: string | null = null;
    const opened = await this.openHost();
    this.host = opened.host;
    this.library.running.add(entry.id);
    this.ws.busy = 'a model is being trained: stop the run before replacing the dataset';
    try {
      if (resumeFrom) say(await this.library.updateEntry(entry.id, { status: 'running', epochs: entry.epochs, history: entry.history }));
      const result = await opened.host.run(
        {
          split: data.split,
          settings,
          anchors: anchoring?.targets,
          anchor: anchoring?.record,
          resumeFrom,
          dataset: { name: data.info.name, fingerprint: data.info.fingerprint },
          startPaused,
          backend: tf.getBackend(),
          bufferLimit: simulatedBufferLimit(),
        },
        relay,
        async ({ point, val, best, snapshot }) => {
          if (snapshot) await this.showSnapshot(snapshot, point.epoch, relay, () => ({ state, epochs, bestEpoch }));
          current = {
            ...current,
            epochs: point.epoch,
            history: [...current.history, point],
            seconds: current.seconds + point.seconds,
            ...(best ? { bestEpoch: point.epoch, validation: val } : {}),
          };
          say(
            best
              ? await this.library.saveRun(current, best.saved, best.state)
              : await this.library.updateEntry(current.id, { epochs: current.epochs, history: current.history, seconds: current.seconds }),
          );
        },
      );
      const end = { state: result.state, epochs: result.epochs, bestEpoch: result.bestEpoch };
      const status = STATUS[result.state];
      if (!status || !result.keepBest || !result.saved || this.ws.dataset !== data) {
        await this.library.store.deleteModel(entry.id).catch(() => undefined);
        const why = !result.keepBest
          ? 'Run discarded.'
          : this.ws.dataset !== data
            ? 'Another dataset was opened while training; the run was discarded.'
            : status
              ? 'Stopped before the first epoch finished; nothing was kept.'
              : null;
        if (why) onEvent({ ...end, message: `${why} The shown model is unchanged.` });
        return;
      }
      current = { ...current, status, test: result.test, epochs: result.epochs, bestEpoch: result.bestEpoch };
      // A stopped run keeps its resumable state; a finished or diverged one has nothing left to resume.
      const note = await this.library.saveRun(current, result.saved, result.resumable ?? null);
      const stored = (await this.library.store.model(current.id)) ?? current;
      kept = note ? null : stored.id;
      onEvent({ ...end, entry: stored, message: note ?? undefined });
    } finally {
      if (this.before !== undefined) await this.endSnapshots(onEvent, { state, epochs, bestEpoch }, kept);
      this.host = null;
      opened.close();
      this.library.running.delete(entry.id);
      this.ws.busy = null;
    }
  }

  /** "Watch it learn": the explorer shows the run's weights as they are now, marked as a snapshot. */
  private async showSnapshot(
    saved: SavedModel,
    epoch: number,
    emit: (e: TrainEvent) => void,
    now: () => Pick<TrainEvent, 'state' | 'epochs' | 'bestEpoch'>,
  ): Promise<void> {
    if (this.before === undefined) this.before = await this.keepShown();
    const model = loadModel(saved.description, saved.weights);
    const shown = await this.ws.setModel(model, {
      source: 'trained',
      bestEpoch: saved.description.training?.bestEpoch ?? 0,
      epochs: epoch,
      name: `snapshot of the run under way, epoch ${epoch}`,
      snapshot: epoch,
    });
    emit({ ...now(), shown });
  }

  /** The shown model as bytes, so that snapshots can replace it and it still comes back exactly, stored or not. */
  private async keepShown(): Promise<{ saved: SavedModel; info: ModelInfo } | null> {
    const model = this.ws.recommender;
    const info = this.ws.loaded().model;
    if (!model || !info) return null;
    const data = this.ws.requireData();
    const saved = await saveModel(model, {
      seed: 0,
      itemIds: data.split.itemIds,
      dataset: { name: data.info.name, fingerprint: data.info.fingerprint, stats: data.split.stats },
      metrics: {},
    });
    return { saved, info };
  }

  /**
   * After a watched run: back to the model shown before it. With none before, the run itself is
   * shown when it was kept (it replaces nothing); a discarded run's last snapshot stays, marked.
   */
  private async endSnapshots(
    emit: (e: TrainEvent) => void,
    now: Pick<TrainEvent, 'state' | 'epochs' | 'bestEpoch'>,
    kept: string | null,
  ): Promise<void> {
    const before = this.before;
    this.before = undefined;
    try {
      if (before) {
        const { source, bestEpoch, epochs, test, libraryId, name, anchor } = before.info;
        await this.ws.setModel(loadModel(before.saved.description, before.saved.weights), {
          source,
          bestEpoch,
          epochs,
          test,
          libraryId,
          name,
          anchor,
        });
      } else if (kept) {
        await this.library.use(kept);
      }
      emit({ ...now, shown: this.ws.loaded().model });
    } catch {
      emit({
        ...now,
        shown: this.ws.loaded().model,
        message: 'The model shown before the run could not be reopened; the last snapshot stays.',
      });
    }
  }

  /** A training thread of its own where the engine has one to start (the browser), else this one. */
  private async openHost(): Promise<{ host: TrainerHostApi; close: () => void }> {
    if (this.startTrainer) {
      try {
        return await this.startTrainer();
      } catch {
        // No worker (or it failed to load): train here, as before, slower to answer the explorer meanwhile.
      }
    }
    const here = tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu';
    return { host: new TrainerHost(here ? this.startPeers : undefined), close: () => undefined };
  }

  /** The labelled items and targets a run's anchor settings give on the open dataset (the same draw on every resume). */
  private anchoring(settings: TrainSettings): Anchoring {
    const data = this.ws.requireData();
    if (!data.meta) throw new Error('anchoring concepts to categories needs item metadata: open the dataset with its item file');
    if (settings.kind !== 'macridvae' || !settings.anchor) throw new Error('only MacridVAE has concepts to anchor');
    return buildAnchoring(itemCategoryLabels(data.split.itemIds, data.meta), settings.anchor, settings.K, settings.seed);
  }

  pause(): void {
    void this.host?.pause();
  }

  resume(): void {
    void this.host?.resume();
  }

  step(): void {
    void this.host?.step();
  }

  /** Stops after the current minibatch; the best checkpoint so far is kept in the library unless `keepBest` is false. */
  stop(keepBest = true): void {
    void this.host?.stop(keepBest);
  }
}
