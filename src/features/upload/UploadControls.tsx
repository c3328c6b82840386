import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';
import { DropOverlay } from './DropOverlay';
import { UploadDialog } from './UploadDialog';
import { ModelFileButton } from './ModelFileButton';
import { openUpload } from './upload-actions';
import { useUpload } from './upload-store';
import './upload.css';

/** The header's "Open data…" and "Open model…", what the last swap did, the dialog and the page-wide drop target. */
export function UploadControls() {
  const ready = useStore((s) => s.phase === 'ready');
  const hasModel = useStore((s) => Boolean(s.loaded?.model));
  const { notice, modelError } = useUpload(useShallow((u) => ({ notice: u.notice, modelError: u.modelError })));
  const dismiss = () => useUpload.setState({ notice: null, modelError: null });
  return (
    <div className="import-actions">
      <button type="button" onClick={() => openUpload()} disabled={!ready} data-testid="open-data">
        Open data…
      </button>
      {hasModel && <ModelFileButton label="Open model…" />}
      {notice && hasModel && (
        <span className="import-notice" role="status" data-testid="import-notice">
          Opened {notice.dataset}
          {notice.modelKept ? '; the model was kept: it was trained on exactly these items.' : '.'}
          <button type="button" className="link quiet" onClick={dismiss} aria-label="Dismiss">
            ×
          </button>
        </span>
      )}
      {modelError && hasModel && (
        <span className="import-notice bad" role="alert" data-testid="model-error">
          {modelError}
          <button type="button" className="link quiet" onClick={dismiss} aria-label="Dismiss">
            ×
          </button>
        </span>
      )}
      <UploadDialog />
      <DropOverlay />
    </div>
  );
}
