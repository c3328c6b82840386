import type { MapPort } from '../../core/concepts/map/map-protocol';

/** A Web Worker for one item map (map.worker.ts), or null where workers are missing. */
export function startMapWorker(): MapPort | null {
  if (typeof Worker === 'undefined') return null;
  const worker = new Worker(new URL('./map.worker.ts', import.meta.url), { type: 'module' });
  return {
    post: (request, transfer) => worker.postMessage(request, transfer),
    onReply: (handler) => worker.addEventListener('message', (e) => handler(e.data)),
    onFailure: (handler) => worker.addEventListener('error', (e) => handler(new Error(e.message || 'the map worker failed to load'))),
    close: () => worker.terminate(),
  };
}
