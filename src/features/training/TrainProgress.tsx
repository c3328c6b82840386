import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';
import type { EpochPoint, TrainState } from '../../protocol/engine';

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Mean seconds of the last few epochs (the first carries warm-up: shader compiles, allocations). */
export function secondsPerEpoch(points: EpochPoint[]): number | null {
  if (!points.length) return null;
  const recent = points.length > 1 ? points.slice(-Math.min(3, points.length - 1)) : points;
  return recent.reduce((a, p) => a + p.seconds, 0) / recent.length;
}

const STATE_LABEL: Record<TrainState, string> = {
  idle: 'Not started',
  running: 'Running',
  paused: 'Paused',
  done: 'Done',
  stopped: 'Stopped',
  diverged: 'Diverged',
  failed: 'Failed',
};

/** Epochs done of the total (the bar also fills within an epoch), time per epoch and what is left. */
export function TrainProgress() {
  const { trainState, points, total, batch, busy, threads } = useStore(
    useShallow((s) => ({
      trainState: s.trainState,
      points: s.points,
      total: s.settings.epochs,
      batch: s.trainBatch,
      busy: s.trainBusy,
      threads: s.trainThreads,
    })),
  );
  const done = points.length ? points[points.length - 1].epoch : 0;
  const live = trainState === 'running' || trainState === 'paused';
  const within = live && batch && batch.total > 0 ? Math.min(1, batch.done / batch.total) : 0;
  const fraction = total > 0 ? Math.min(1, (done + within) / total) : 0;
  const perEpoch = secondsPerEpoch(points);
  const left = perEpoch !== null && live ? perEpoch * (total - done - within) : null;

  let where = '';
  if (live && batch && done < total) {
    where = batch.done >= batch.total ? `epoch ${done + 1}: validating` : `epoch ${done + 1}: batch ${batch.done}/${batch.total}`;
  } else if (busy && !live) {
    where = 'adopting the best checkpoint';
  }
  const valueText = `${done} of ${total} epochs${where ? `; ${where}` : ''}`;

  return (
    <div className="train-progress">
      <div className="train-progress-head">
        <span className={`train-state state-${trainState}`} data-testid="train-state">
          {STATE_LABEL[trainState]}
        </span>
        <span className="train-progress-text" data-testid="train-progress-text">
          {trainState === 'idle' ? 'no run yet' : `Epoch ${done} / ${total}`}
          {trainState !== 'idle' && threads > 1 && <span data-testid="train-thread-count">{` · ${threads} threads`}</span>}
          {perEpoch !== null && ` · ${formatDuration(perEpoch)} per epoch`}
          {left !== null && left > 0 && ` · about ${formatDuration(left)} left`}
          {where && ` · ${where}`}
        </span>
      </div>
      <div
        className="train-bar"
        role="progressbar"
        aria-label="Training progress (epochs)"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={valueText}
        data-testid="train-progress"
      >
        <div className={`train-bar-fill${trainState === 'paused' ? ' paused' : ''}`} style={{ width: `${(fraction * 100).toFixed(2)}%` }} />
      </div>
    </div>
  );
}
