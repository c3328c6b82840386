import { useMemo } from 'react';
import { useStore } from '../../state/store';
import type { BackendName } from '../../protocol/engine';
import { classifyBackend } from './cost';
import { BACKEND_ORDER } from '../../protocol/constants';

/** The page's WebGL renderer, read once: the worker does not say whether a forced WebGL is software. */
let rendererCache: string | null | undefined;
export function webglRenderer(): string | null {
  if (rendererCache !== undefined) return rendererCache;
  rendererCache = null;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (gl) {
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      rendererCache = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    rendererCache = null;
  }
  return rendererCache;
}

/** The backend class, with the WebGL renderer looked up only when WebGL is the backend. */
export function useBackendClass() {
  const backend = useStore((s) => s.backend);
  return useMemo(() => classifyBackend(backend, backend?.name === 'webgl' ? webglRenderer() : null), [backend]);
}

function backendHref(name: BackendName): string {
  const q = new URLSearchParams(location.search);
  q.set('backend', name);
  return `?${q.toString()}${location.hash}`;
}

/** The active backend, shown where training speed matters, and how to pick another. */
export function BackendNote() {
  const backend = useStore((s) => s.backend);
  const where = useStore((s) => s.where);
  const cls = useBackendClass();
  const forced = new URLSearchParams(location.search).get('backend');
  const slow = cls.kind === 'software-gpu' || cls.kind === 'cpu';
  return (
    <div className={`train-backend${slow ? ' slow' : ''}`} data-testid="train-backend">
      <p className="train-backend-line">
        Training on <strong className="backend-name">{backend?.name ?? '…'}</strong>
        <span className="backend-detail">
          {' '}
          — {cls.label}
          {where ? `, in the ${where === 'worker' ? 'engine worker' : 'main thread'}` : ''}
          {forced ? ' (forced by the URL)' : ''}
        </span>
      </p>
      {where === 'main thread' && (
        <p className="main-thread" role="note">
          Web Workers are unavailable here, so the engine shares the page&apos;s thread: the page stutters while it trains.
        </p>
      )}
      <details className="train-backend-more">
        <summary>About backends</summary>
        <p>
          The engine tries WebGPU, then WebGL, then WebAssembly, then plain JavaScript, and keeps the first that passes one real training
          step{backend ? `: ${backend.reason}` : ''}.
        </p>
        <p>
          A software GPU — SwiftShader, which Chromium uses when it has no GPU, as in headless browsers and many VMs — computes correctly
          but 10–100× slower than WebAssembly, so software WebGPU and WebGL are skipped by default. Force one with{' '}
          <code>?backend=webgpu</code> (or <code>webgl</code>, <code>wasm</code>, <code>cpu</code>) in the URL. Reloading reopens the demo
          model; a model trained in this tab is not kept.
        </p>
        <p className="backend-links">
          Reload with:{' '}
          {BACKEND_ORDER.map((b, i) => (
            <span key={b}>
              {i > 0 && ' · '}
              {b === backend?.name ? <strong>{b}</strong> : <a href={backendHref(b)}>{b}</a>}
            </span>
          ))}
        </p>
      </details>
    </div>
  );
}
