import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';
import { CountsPanel, MetadataSummary } from './CountsPanel';
import { FilePicks } from './FilePicks';
import { FormatOptions } from './FormatOptions';
import { ProblemReport } from './ProblemReport';
import { ReadProgress } from './ReadProgress';
import { RowsPreview } from './RowsPreview';
import { closeUpload, commitDataset, prepare } from './upload-actions';
import { useUpload } from './upload-store';
import { count } from './format';

/**
 * The "Open data" dialog: files → detected format (overridable) → first rows → preprocessing
 * counts → "Use this dataset". Everything is parsed in the engine worker; the open dataset and
 * model change only when the button is pressed and the engine has everything ready.
 */
export function UploadDialog() {
  const s = useUpload(
    useShallow((u) => ({
      open: u.open,
      files: u.files,
      listing: u.listing,
      picks: u.picks,
      layout: u.layout,
      preprocess: u.preprocess,
      preview: u.preview,
      current: u.current,
      progress: u.progress,
      busy: u.busy,
      failure: u.failure,
    })),
  );
  const { training, dataset, hasModel } = useStore(
    useShallow((st) => ({ training: st.trainBusy, dataset: st.loaded?.dataset.name ?? null, hasModel: Boolean(st.loaded?.model) })),
  );
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (s.open && !d.open) d.showModal();
    if (!s.open && d.open) d.close();
  }, [s.open]);

  const { preview } = s;
  const errors = [...(s.listing?.errors ?? []), ...(preview?.errors ?? []), ...(s.failure ? [s.failure] : [])];
  const reading = s.busy === 'reading' || s.busy === 'inspecting';
  const canUse = Boolean(preview?.ready && s.current && !s.busy && !training);
  const clicks = preview?.clicks ?? null;

  return (
    <dialog
      ref={ref}
      className="import-dialog"
      aria-labelledby="import-title"
      data-testid="upload-dialog"
      onClose={() => useUpload.getState().open && closeUpload()}
    >
      <form method="dialog" className="import-frame" onSubmit={(e) => e.preventDefault()}>
        <header className="import-head">
          <h2 id="import-title">Open data</h2>
          <p className="muted import-privacy">Files are read in this tab only; nothing is uploaded anywhere.</p>
          <button type="button" className="import-close" aria-label="Close" onClick={closeUpload}>
            ×
          </button>
        </header>

        <div className="import-body">
          <FilePicks files={s.files} listing={s.listing} picks={s.picks} />

          {reading && <ReadProgress progress={s.progress} label={s.busy === 'inspecting' ? 'Looking inside the files' : 'Reading'} />}
          {preview?.cancelled && !reading && (
            <p className="import-cancelled" role="status">
              Reading stopped.{' '}
              <button type="button" className="link" onClick={() => void prepare()}>
                Read again
              </button>
            </p>
          )}
          {errors.map((f, i) => (
            <ProblemReport key={`${f.stage}:${f.file}:${i}`} failure={f} />
          ))}

          {s.picks.clicks && (clicks || preview) && (
            <div className={`import-grid${s.current ? '' : ' stale'}`}>
              <div className="import-col">
                <FormatOptions layout={s.layout} clicks={clicks} />
                {clicks && <RowsPreview clicks={clicks} />}
              </div>
              <div className="import-col">
                <CountsPanel preview={preview} preprocess={s.preprocess} stale={!s.current} />
                {preview?.metadata && <MetadataSummary metadata={preview.metadata} vocabulary={preview.counts?.items ?? null} />}
              </div>
            </div>
          )}
        </div>

        <footer className="import-foot">
          <p className="muted import-foot-note" data-testid="upload-summary">
            {training
              ? 'A model is being trained: stop it before replacing the dataset.'
              : canUse && preview?.counts
                ? `Replaces ${dataset ?? 'the open dataset'} with ${preview.name}: ${count(preview.counts.filteredUsers)} users, ${count(preview.counts.items)} items.${hasModel ? ' The model is kept only if it knows exactly these items.' : ''}`
                : `${dataset ? `${dataset} stays open` : 'Nothing changes'} until you use a dataset that was read without problems.`}
          </p>
          <button type="button" onClick={closeUpload}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!canUse} onClick={() => void commitDataset()} data-testid="upload-use">
            {s.busy === 'committing' ? 'Opening…' : 'Use this dataset'}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
