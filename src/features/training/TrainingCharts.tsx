import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';
import { LineChart, type Series } from './LineChart';

/** Module-level so the memoised charts see the same series object on every render. */
export const SERIES: readonly Series[] = [
  {
    key: 'loss',
    title: 'Training loss',
    description: 'negative ELBO per user, annealed KL included',
    value: (p) => p.loss,
    better: 'lower',
    color: '#3559e0',
  },
  { key: 'kl', title: 'KL divergence', description: 'per user, before the β weight', value: (p) => p.kl, better: 'none', color: '#8e44ad' },
  {
    key: 'ndcg',
    title: 'Validation NDCG@100',
    description: 'mean over validation users',
    value: (p) => p.ndcg100,
    better: 'higher',
    color: '#1f8a4c',
  },
  {
    key: 'recall',
    title: 'Validation Recall@20',
    description: 'mean over validation users',
    value: (p) => p.recall20,
    better: 'higher',
    color: '#d35400',
  },
];

/**
 * The four learning curves, one point per epoch, with the best epoch (by validation NDCG@100) marked.
 * Batch-progress events do not touch `points`, so they never re-render the charts.
 */
export function TrainingCharts() {
  const { points, total, bestEpoch } = useStore(
    useShallow((s) => ({ points: s.points, total: s.settings.epochs, bestEpoch: s.bestEpoch })),
  );
  return (
    <div className="train-charts" data-testid="train-charts">
      {SERIES.map((s) => (
        <LineChart key={s.key} series={s} points={points} totalEpochs={total} bestEpoch={bestEpoch} />
      ))}
    </div>
  );
}
