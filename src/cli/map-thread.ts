import { Worker } from 'node:worker_threads';
import type { MapPort } from '../core/concepts/map/map-protocol';

/** Runs map.worker.ts through tsx, as thread-peers.ts does for the replicas. */
const BOOT = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(new URL('./map.worker.ts', import.meta.url).href)}, ${JSON.stringify(import.meta.url)}));`;

/** A Node worker thread for one item map: the engine's MapStarter outside the browser. */
export function startMapThread(): MapPort {
  const worker = new Worker(BOOT, { eval: true });
  return {
    post: (request, transfer) => worker.postMessage(request, transfer),
    onReply: (handler) => worker.on('message', handler),
    onFailure: (handler) => {
      worker.on('error', handler);
      worker.on('exit', (code) => code !== 0 && handler(new Error(`exited (code ${code})`)));
    },
    close: () => void worker.terminate(),
  };
}
