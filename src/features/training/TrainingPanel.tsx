import { useEffect, useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { pauseTraining, resumeTraining, startTraining, stepTraining, stopTraining } from '../../state/training';
import { DEFAULT_TRAIN_SETTINGS } from '../../protocol/constants';
import { useStore } from '../../state/store';
import type { ModelKind, TrainSettings } from '../../protocol/engine';
import { BackendNote, useBackendClass } from './BackendNote';
import { costWarnings, estimateCost, formatBytes, type DataShape } from './cost';
import { draftFrom, parseDraft, type Draft, type NumericKey } from './settings-spec';
import { SettingsForm } from './SettingsForm';
import { ANCHOR_DRAFT, AnchorFields, parseAnchor, type AnchorDraft } from './AnchorFields';
import { TrainingCharts } from './TrainingCharts';
import { TrainProgress } from './TrainProgress';
import { DecoderPlanLine } from './DecoderPlanLine';
import { RunChoice } from '../library/RunChoice';
import './training.css';

/** A run small enough for a software GPU: a couple of minutes at most on the demo. */
const QUICK: Partial<TrainSettings> = { K: 2, d: 8, epochs: 3, batchSize: 500, maxUsers: 50 };

function formatFlops(f: number): string {
  return f >= 1e12 ? `${(f / 1e12).toFixed(1)} TFLOP` : f >= 1e9 ? `${(f / 1e9).toFixed(1)} GFLOP` : `${(f / 1e6).toFixed(0)} MFLOP`;
}

function Controls({ canStart, form }: { canStart: boolean; form: string }) {
  const { trainState, busy, epochs } = useStore(
    useShallow((s) => ({ trainState: s.trainState, busy: s.trainBusy, epochs: s.points.length })),
  );
  const [stepping, setStepping] = useState(false);
  useEffect(() => setStepping(false), [epochs, trainState]);
  const running = busy && trainState === 'running';
  const paused = busy && trainState === 'paused';
  return (
    <div className="train-controls" role="group" aria-label="Training controls">
      <button type="submit" form={form} className="primary" disabled={!canStart || busy} data-testid="train-start">
        Start
      </button>
      <button type="button" disabled={!running} onClick={() => void pauseTraining()} data-testid="train-pause">
        Pause
      </button>
      <button type="button" disabled={!paused} onClick={() => void resumeTraining()} data-testid="train-resume">
        Resume
      </button>
      <button
        type="button"
        disabled={!paused || stepping}
        title="Run one epoch (or the rest of the current one) and pause again"
        onClick={() => {
          setStepping(true);
          void stepTraining();
        }}
        data-testid="train-step"
      >
        {stepping ? 'Stepping…' : 'Step 1 epoch'}
      </button>
      <button
        type="button"
        disabled={!running && !paused}
        title="End after the current batch; the best checkpoint so far goes to the library"
        onClick={() => void stopTraining(true)}
        data-testid="train-stop"
      >
        Stop &amp; keep best
      </button>
      <button
        type="button"
        className="quiet"
        disabled={!running && !paused}
        title="End after the current batch and keep nothing of this run"
        onClick={() => void stopTraining(false)}
        data-testid="train-discard"
      >
        Discard run
      </button>
    </div>
  );
}

function Message() {
  const { trainState, message } = useStore(useShallow((s) => ({ trainState: s.trainState, message: s.trainMessage })));
  const failed = trainState === 'failed';
  return (
    <>
      <div role="status" className="train-msg" data-testid="train-message">
        {!failed && message}
      </div>
      {failed && (
        <p role="alert" className="train-msg error" data-testid="train-error">
          Training failed: {message ?? 'unknown error'}
        </p>
      )}
    </>
  );
}

/**
 * Train MacridVAE, β-MultVAE or MultDAE on the open dataset inside the engine worker, watch the
 * learning curves, and have the best checkpoint replace the model the other panels show.
 */
export function TrainingPanel() {
  const { stored, stats, busy, meta } = useStore(
    useShallow((s) => ({
      stored: s.settings,
      stats: s.loaded?.dataset.stats,
      busy: s.trainBusy,
      meta: s.loaded?.dataset.hasMeta ? s.loaded.dataset.categories : null,
    })),
  );
  const [anchorDraft, setAnchorDraft] = useState<AnchorDraft>(ANCHOR_DRAFT);
  const [watch, setWatch] = useState({ on: false, every: '5' });
  const watchEvery = watch.on ? Number(watch.every) : 0;
  const watchError = watch.on && !(Number.isInteger(watchEvery) && watchEvery >= 1 && watchEvery <= 1000) ? 'every 1 to 1000 epochs' : null;
  const [kind, setKind] = useState<ModelKind>(stored.kind);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(stored));
  const backendClass = useBackendClass();
  const parsed = useMemo(() => parseDraft(kind, draft, stored), [kind, draft, stored]);
  const data: DataShape | null = stats ? { items: stats.items, trainUsers: stats.trainUsers, valUsers: stats.valUsers } : null;
  const warnings = parsed.settings && data ? costWarnings(parsed.settings, data, backendClass) : [];
  const cost = parsed.settings && data ? estimateCost(parsed.settings, data, backendClass.limits ?? null) : null;
  const anchorable = kind === 'macridvae' && meta !== null;
  const anchor = anchorable ? parseAnchor(anchorDraft, parsed.settings?.K ?? stored.K, meta) : { anchor: null, error: null };
  const invalid = Object.keys(parsed.errors).length + (anchor.error ? 1 : 0) + (watchError ? 1 : 0);

  const formId = useId();
  const preset = (p: Partial<TrainSettings>) =>
    setDraft((d) => ({ ...d, ...draftFrom({ ...stored, ...parseDraft(kind, d, stored).settings, ...p }) }));

  return (
    <section className="panel panel-training" aria-labelledby="training-title" data-testid="training-panel">
      <div className="train-head">
        <h2 id="training-title">Train a model</h2>
        <BackendNote />
      </div>
      <div className="train-body">
        <form
          id={formId}
          className="train-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (parsed.settings && !anchor.error && !watchError && !busy) {
              void startTraining({ ...parsed.settings, anchor: anchor.anchor, watchEvery: watch.on ? watchEvery : 0 });
            }
          }}
        >
          <SettingsForm
            kind={kind}
            draft={draft}
            errors={parsed.errors}
            disabled={busy}
            onKind={setKind}
            onField={(key: NumericKey, text) => setDraft((d) => ({ ...d, [key]: text }))}
          />
          {anchorable ? (
            <AnchorFields draft={anchorDraft} onChange={setAnchorDraft} error={anchor.error} categories={meta} disabled={busy} />
          ) : null}
          <p className="train-watch">
            <label>
              <input
                type="checkbox"
                checked={watch.on}
                disabled={busy}
                onChange={(e) => setWatch({ ...watch, on: e.currentTarget.checked })}
              />{' '}
              Watch it learn: show a snapshot of the weights in the explorer every
            </label>{' '}
            <input
              aria-label="epochs between snapshots"
              className="train-watch-every"
              inputMode="numeric"
              value={watch.every}
              disabled={busy || !watch.on}
              onChange={(e) => setWatch({ ...watch, every: e.currentTarget.value })}
            />{' '}
            epochs {watchError ? <span className="train-anchor-error">({watchError})</span> : null}
            <span className="muted"> — marked as a snapshot; the model shown before comes back when the run ends</span>
          </p>
          <div className="train-presets">
            <button type="button" className="link" disabled={busy} onClick={() => preset(QUICK)}>
              Quick try (K=2, d=8, 3 epochs, 50 users)
            </button>
            <button type="button" className="link" disabled={busy} onClick={() => preset(DEFAULT_TRAIN_SETTINGS)}>
              Paper defaults
            </button>
          </div>
          {cost && (
            <p className="train-cost" data-testid="train-cost">
              {kind === 'macridvae' ? `K·d = ${cost.kd}` : `d = ${cost.kd}`} · ≈ {formatFlops(cost.epochFlops)} per epoch · weights{' '}
              {formatBytes(cost.weightBytes)} (×4 with Adam and the best checkpoint) · largest tensor {formatBytes(cost.largestTensorBytes)}
              {cost.chunkUsers !== null && ` (decoder ${cost.chunkUsers} users at a time)`}
            </p>
          )}
          {warnings.length > 0 && (
            <ul className="train-warnings" data-testid="train-warnings">
              {warnings.map((w) => (
                <li key={w.text} className={w.level}>
                  <span aria-hidden="true">⚠ </span>
                  {w.text}
                </li>
              ))}
            </ul>
          )}
          {invalid > 0 && (
            <p className="train-invalid" role="alert">
              Fix {invalid === 1 ? 'the highlighted field' : `the ${invalid} highlighted fields`} to start.
            </p>
          )}
        </form>
        <div className="train-run">
          <Controls canStart={parsed.settings !== null && !anchor.error && !watchError && data !== null} form={formId} />
          <p className="train-help">
            Pause and stop act after the current minibatch. Every run goes to the model library below, its best checkpoint (by validation
            NDCG@100) saved as it improves, so a reload can resume it; it becomes the shown model only when you choose it.{' '}
            <em>Discard run</em> keeps nothing of it.
          </p>
          <TrainProgress />
          <DecoderPlanLine />
          <Message />
          <RunChoice />
          <TrainingCharts />
        </div>
      </div>
    </section>
  );
}
