import type { UploadProgress } from '../../protocol/upload';
import { cancelReading } from './upload-actions';
import { bytes, count } from './format';

const PHASES: Record<UploadProgress['phase'], string> = {
  reading: 'Reading',
  metadata: 'Reading metadata',
  preprocessing: 'Preprocessing and splitting',
  'locating problems': 'Finding the lines with problems in',
};

/** Bytes and rows read so far, with a Cancel button; indeterminate while the split is computed. */
export function ReadProgress({ progress, label }: { progress: UploadProgress | null; label: string }) {
  const fraction =
    progress && progress.bytesTotal > 0 && progress.phase !== 'preprocessing' ? progress.bytesRead / progress.bytesTotal : null;
  return (
    <div className="import-progress" data-testid="upload-progress">
      <div className="import-progress-line">
        <span>
          {progress ? `${PHASES[progress.phase]} ${progress.file}` : label}
          {progress && progress.phase !== 'preprocessing' && (
            <span className="muted">
              {' '}
              — {bytes(progress.bytesRead)} of {bytes(progress.bytesTotal)}
              {progress.rows > 0 ? ` · ${count(progress.rows)} lines` : ''}
            </span>
          )}
        </span>
        <button type="button" onClick={cancelReading} data-testid="upload-cancel">
          Cancel
        </button>
      </div>
      {fraction === null ? <progress aria-label="Progress" /> : <progress aria-label="Progress" max={1} value={fraction} />}
    </div>
  );
}
