import { useShallow } from 'zustand/react/shallow';
import { activateModel } from '../../state/library';
import { useStore } from '../../state/store';

/** After a run: its metrics against the shown model's, and the choice to use it; nothing changes until then. */
export function RunChoice() {
  const { run, shown, library } = useStore(useShallow((s) => ({ run: s.lastRun, shown: s.loaded?.model, library: s.library })));
  if (!run || run.id === shown?.libraryId) return null;
  const shownEntry = library?.models.find((m) => m.id === shown?.libraryId);
  const fmt = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(4));
  return (
    <div className="run-choice" role="group" aria-label="Use the new run?" data-testid="run-choice">
      <p>
        <strong>{run.name}</strong> is in the library: test NDCG@100 <strong>{fmt(run.test?.ndcg100.mean)}</strong>, validation{' '}
        {fmt(run.validation?.ndcg100.mean)}; the shown model {shown ? `(${shown.name})` : ''} has test {fmt(shown?.test?.ndcg100.mean)}
        {shownEntry?.validation ? `, validation ${fmt(shownEntry.validation.ndcg100.mean)}` : ''}.
      </p>
      <button type="button" className="primary" onClick={() => void activateModel(run.id)} data-testid="use-run">
        Use this model
      </button>{' '}
      <button type="button" onClick={() => useStore.setState({ lastRun: null })}>
        Keep the shown one
      </button>
    </div>
  );
}
