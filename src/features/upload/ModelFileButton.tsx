import { useRef } from 'react';
import { loadModelFiles } from './upload-actions';
import { useUpload } from './upload-store';

/** Opens model.json + model.weights.bin (chosen together), as `npm run train` writes them. */
export function ModelFileButton({ label, className }: { label: string; className?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const busy = useUpload((u) => u.modelBusy);
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={busy}
        onClick={() => input.current?.click()}
        title="Choose model.json and model.weights.bin together, or config.json and model.safetensors"
      >
        {busy ? 'Opening model…' : label}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept=".json,.bin,.safetensors,application/json,application/octet-stream"
        data-testid="model-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void loadModelFiles(files);
        }}
      />
    </>
  );
}
