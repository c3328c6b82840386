import type { GradientPeer, ReplicaSetup } from '../../core/train/replica';
import { startPeers, type PeerPort } from '../../core/train/replica-protocol';

/** At most this many threads train one model: the step is bound by memory bandwidth beyond a few. */
const MAX_THREADS = 4;

function openWorker(): PeerPort {
  const worker = new Worker(new URL('./replica.worker.ts', import.meta.url), { type: 'module' });
  return {
    post: (request) => worker.postMessage(request),
    onReply: (handler) => worker.addEventListener('message', (e) => handler(e.data)),
    onFailure: (handler) => worker.addEventListener('error', (e) => handler(new Error(e.message || 'the replica worker failed to load'))),
    close: async () => worker.terminate(),
  };
}

/**
 * Replicas in Web Workers for data-parallel training on cpu/wasm, `threads` − 1 of them, or with
 * 0 one per further core the browser reports, up to MAX_THREADS threads in all; none where
 * workers are missing.
 */
export async function startWorkerPeers(
  setup: Omit<ReplicaSetup, 'shard' | 'shards'>,
  backend: string,
  threads: number,
): Promise<GradientPeer[]> {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  const count = (threads > 0 ? threads : Math.min(MAX_THREADS, cores)) - 1;
  if (count < 1 || typeof Worker === 'undefined') return [];
  return startPeers(count, setup, backend, openWorker);
}
