import { Worker } from 'node:worker_threads';
import type { CsrMatrix } from '../core/data/types';
import { MacridVAE } from '../core/model/macridvae';
import type { Recommender } from '../core/model/types';
import { readWeights, type GradientPeer, type ReplicaSetup } from '../core/train/replica';
import { startPeers, type PeerPort } from '../core/train/replica-protocol';

/**
 * The worker runs the TypeScript sources through tsx, the loader the npm scripts already use;
 * Node does not pass a parent's module hooks on to worker threads.
 */
const BOOT = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(new URL('./replica.worker.ts', import.meta.url).href)}, ${JSON.stringify(import.meta.url)}));`;

function openThread(): PeerPort {
  const worker = new Worker(BOOT, { eval: true });
  return {
    post: (request) => worker.postMessage(request),
    onReply: (handler) => worker.on('message', handler),
    onFailure: (handler) => {
      worker.on('error', handler);
      worker.on('exit', (code) => handler(new Error(`exited (code ${code})`)));
    },
    close: async () => void (await worker.terminate()),
  };
}

/** Replicas in Node worker threads (see startPeers). */
export function startThreadPeers(count: number, setup: Omit<ReplicaSetup, 'shard' | 'shards'>, backend: string): Promise<GradientPeer[]> {
  return startPeers(count, setup, backend, openThread);
}

/** Replicas of `model` for a Trainer's `peers`, so that `threads` threads train it in all. */
export async function startPeersFor(
  model: Recommender,
  train: CsrMatrix,
  threads: number,
  run: { lr: number; seed: number },
  backend: string,
): Promise<GradientPeer[]> {
  if (threads <= 1) return [];
  const weights = await readWeights(model);
  const anchors = model instanceof MacridVAE ? (model.anchors ?? undefined) : undefined;
  return startThreadPeers(threads - 1, { config: model.config, weights, train, anchors, ...run }, backend);
}

export async function stopPeers(peers: GradientPeer[]): Promise<void> {
  await Promise.all(peers.map((p) => p.dispose()));
}
