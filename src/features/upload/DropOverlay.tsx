import { useEffect, useState } from 'react';
import { useStore } from '../../state/store';
import { loadModelFiles, looksLikeModel, openUpload } from './upload-actions';

const hasFiles = (e: DragEvent) => Boolean(e.dataTransfer?.types.includes('Files'));

/**
 * Files dragged anywhere over the page: data opens the import dialog, a model.json + .bin pair
 * opens the model. File drops are always taken, so a missed target never navigates the tab
 * away (and loses the open model).
 */
export function DropOverlay() {
  const [over, setOver] = useState(false);
  const ready = useStore((s) => s.phase === 'ready');
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overFn = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = ready ? 'copy' : 'none';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      if (!ready || files.length === 0) return;
      if (looksLikeModel(files)) void loadModelFiles(files);
      else openUpload(files);
    };
    document.addEventListener('dragenter', enter);
    document.addEventListener('dragover', overFn);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragenter', enter);
      document.removeEventListener('dragover', overFn);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }, [ready]);
  if (!over) return null;
  return (
    <div className="import-drop-overlay" aria-hidden="true">
      <div>
        <strong>{ready ? 'Drop to open' : 'Wait for the app to start'}</strong>
        <span>
          a click log, item metadata or a .zip/.gz archive — or model.json + model.weights.bin, or config.json + model.safetensors
        </span>
      </div>
    </div>
  );
}
