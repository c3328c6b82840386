import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';
import { ModelFileButton } from './ModelFileButton';
import { focusTraining } from './upload-actions';
import { useUpload } from './upload-store';
import { count } from './format';

/** In place of the explorer panels while the open dataset has no model: train one, or open one trained on it. */
export function ModelNeeded() {
  const dataset = useStore((s) => s.loaded?.dataset ?? null);
  const { notice, error } = useUpload(useShallow((u) => ({ notice: u.notice, error: u.modelError })));
  return (
    <section className="panel model-needed" aria-labelledby="model-needed-title" data-testid="model-needed">
      <h2 id="model-needed-title">This dataset needs a model</h2>
      {notice?.modelDropped && <p className="model-needed-why">{notice.modelDropped}</p>}
      {dataset && (
        <p>
          <strong>{dataset.name}</strong> is open: {count(dataset.stats.filteredUsers)} users, {count(dataset.stats.items)} items,{' '}
          {count(dataset.stats.interactions)} interactions. The user, intention, traversal and recommendation panels need a model trained on
          exactly these items.
        </p>
      )}
      <div className="model-needed-actions">
        <button type="button" className="primary" onClick={focusTraining} data-testid="model-needed-train">
          Train a model
        </button>
        <ModelFileButton label="Load a model…" />
        <span className="muted">
          model.json + model.weights.bin, as <code>npm run train</code> writes them
        </span>
      </div>
      {error && (
        <p className="model-needed-error" role="alert" data-testid="model-error">
          {error}
        </p>
      )}
    </section>
  );
}
