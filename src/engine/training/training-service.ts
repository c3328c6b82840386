import { buildAnchoring, type Anchoring } from '../../core/concepts/anchors';
import { itemCategoryLabels } from '../../core/eval/concept-analysis';
import type { PeerStarter } from '../../core/train/replica';
import { evaluate } from '../../core/train/evaluate';
import { tf } from '../../core/tf';
import type { TrainEvent, TrainSettings, TrainState } from '../../protocol/engine';
import type { RunStatus, StoredModel } from '../../protocol/library';
import { newId, type LibraryService } from '../library/library-service';
import type { Workspace } from '../workspace';
import { TrainingRun, type RunHooks } from './training-run';

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
  private run: TrainingRun | null = null;

  /** `startPeers` (optional) runs data-parallel training replicas in other threads on cpu/wasm. */
  constructor(
    private readonly ws: Workspace,
    private readonly library: LibraryService,
    private readonly startPeers?: PeerStarter,
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
    if (this.run) throw new Error('a training run is already in progress');
    const settings = entry.settings!;
    const anchoring = settings.kind === 'macridvae' && settings.anchor ? this.anchoring(settings) : null;
    const hostBackend = tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu';
    const say = (note: string | null) =>
      note && onEvent({ state: run.state, epochs: run.trainer.epoch, bestEpoch: run.trainer.bestEpoch, message: note });
    let current = entry;
    const run: TrainingRun = new TrainingRun(data.split, settings, onEvent, hostBackend ? this.startPeers : undefined, {
      resumeFrom,
      anchors: anchoring?.targets,
      onEpoch: async (point, val) => {
        current = {
          ...current,
          epochs: point.epoch,
          history: [...current.history, point],
          seconds: current.seconds + point.seconds,
          ...(point.isBest ? { bestEpoch: point.epoch, validation: val } : {}),
        };
        const { epochs, history, seconds } = current;
        say(
          point.isBest
            ? await this.library.saveRun(current, run.model, run.trainer.bestState, anchoring?.record)
            : await this.library.updateEntry(current.id, { epochs, history, seconds }),
        );
      },
    });
    this.run = run;
    this.library.running.add(entry.id);
    this.ws.busy = 'a model is being trained: stop the run before replacing the dataset';
    try {
      if (resumeFrom) say(await this.library.updateEntry(entry.id, { status: 'running', epochs: entry.epochs, history: entry.history }));
      const state = await run.run(startPaused);
      const end = { state, epochs: run.trainer.epoch, bestEpoch: run.trainer.bestEpoch };
      const status = STATUS[state];
      if (!status || !run.keepBest || run.trainer.bestEpoch === 0 || this.ws.dataset !== data) {
        await this.library.store.deleteModel(entry.id).catch(() => undefined);
        const why = !run.keepBest
          ? 'Run discarded.'
          : this.ws.dataset !== data
            ? 'Another dataset was opened while training; the run was discarded.'
            : status
              ? 'Stopped before the first epoch finished; nothing was kept.'
              : null;
        if (why) onEvent({ ...end, message: `${why} The shown model is unchanged.` });
        return;
      }
      onEvent({ ...end, message: `Scoring the best checkpoint (epoch ${run.trainer.bestEpoch}) on the test users…` });
      const test = await evaluate(run.model, data.split.test);
      current = { ...current, status, test, epochs: run.trainer.epoch, bestEpoch: run.trainer.bestEpoch };
      // A stopped run keeps its resumable state; a finished or diverged one has nothing left to resume.
      const note = await this.library.saveRun(current, run.model, status === 'stopped' ? run.trainer.bestState : null, anchoring?.record);
      const stored = (await this.library.store.model(current.id)) ?? current;
      onEvent({ ...end, entry: stored, message: note ?? undefined });
    } finally {
      run.model.dispose();
      run.dispose();
      this.run = null;
      this.library.running.delete(entry.id);
      this.ws.busy = null;
    }
  }

  /** The labelled items and targets a run's anchor settings give on the open dataset (the same draw on every resume). */
  private anchoring(settings: TrainSettings): Anchoring {
    const data = this.ws.requireData();
    if (!data.meta) throw new Error('anchoring concepts to categories needs item metadata: open the dataset with its item file');
    if (settings.kind !== 'macridvae' || !settings.anchor) throw new Error('only MacridVAE has concepts to anchor');
    return buildAnchoring(itemCategoryLabels(data.split.itemIds, data.meta), settings.anchor, settings.K, settings.seed);
  }

  pause(): void {
    this.run?.pause();
  }

  resume(): void {
    this.run?.resume();
  }

  step(): void {
    this.run?.step();
  }

  /** Stops after the current minibatch; the best checkpoint so far is kept in the library unless `keepBest` is false. */
  stop(keepBest = true): void {
    this.run?.stop(keepBest);
  }
}
