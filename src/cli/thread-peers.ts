import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CsrMatrix } from '../core/data/types';
import type { Recommender } from '../core/model/types';
import type { ShardGradients } from '../core/train/gradients';
import type { GradientPeer, ReplicaSetup } from '../core/train/replica';

export type PeerRequest =
  | { id: number; method: 'gradients'; users: Int32Array; step: number; anneal: number }
  | { id: number; method: 'apply'; grads: Float32Array[] }
  | { id: number; method: 'setWeights'; weights: Float32Array[] }
  | { id: number; method: 'dispose' };

export type PeerReply = { id: number; ok: true; result?: ShardGradients } | { id: number; ok: false; error: string };

type Pending = { resolve: (r: ShardGradients | undefined) => void; reject: (e: Error) => void };
type Call = PeerRequest extends infer R ? (R extends PeerRequest ? Omit<R, 'id'> : never) : never;

/**
 * The worker runs the TypeScript sources through tsx, the loader the npm scripts already use;
 * Node does not pass a parent's module hooks on to worker threads.
 */
const BOOT = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(new URL('./replica.worker.ts', import.meta.url).href)}, ${JSON.stringify(import.meta.url)}));`;

class ThreadPeer implements GradientPeer {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;
  readonly ready: Promise<unknown>;

  constructor(private readonly worker: Worker, label: string) {
    this.ready = new Promise((resolve, reject) => this.pending.set(0, { resolve, reject }));
    worker.on('message', (reply: PeerReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(`${label}: ${reply.error}`));
    });
    const fail = (e: Error) => {
      this.failure = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', (e) => fail(new Error(`${label} failed: ${e.message}`)));
    worker.on('exit', (code) => fail(new Error(`${label} exited (code ${code})`)));
  }

  private call(req: Call): Promise<ShardGradients | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id });
    });
  }

  async gradients(users: Int32Array, step: number, anneal: number): Promise<ShardGradients> {
    return (await this.call({ method: 'gradients', users, step, anneal }))!;
  }

  async apply(grads: Float32Array[]): Promise<void> {
    await this.call({ method: 'apply', grads });
  }

  async setWeights(weights: Float32Array[]): Promise<void> {
    await this.call({ method: 'setWeights', weights });
  }

  async dispose(): Promise<void> {
    if (!this.failure) await this.call({ method: 'dispose' });
    this.failure ??= new Error('replica disposed');
    await this.worker.terminate();
  }
}

/**
 * Starts `count` replicas of a model in worker threads for data-parallel training, shards
 * 1…count of count + 1 (the calling thread computes shard 0), each on `backend`.
 */
export async function startThreadPeers(count: number, setup: Omit<ReplicaSetup, 'shard' | 'shards'>, backend: string): Promise<GradientPeer[]> {
  const peers = Array.from({ length: count }, (_, i) => {
    const worker = new Worker(BOOT, { eval: true, workerData: { setup: { ...setup, shard: i + 1, shards: count + 1 }, backend } });
    return new ThreadPeer(worker, `replica thread ${i + 1}`);
  });
  try {
    await Promise.all(peers.map((p) => p.ready));
  } catch (e) {
    await Promise.all(peers.map((p) => p.dispose().catch(() => undefined)));
    throw e;
  }
  return peers;
}

/** --threads: how many threads train one model (default: 2 where the machine has them). */
export function parseThreads(raw: string | undefined): number {
  if (raw === undefined) return Math.min(2, availableParallelism());
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--threads must be a whole number ≥ 1, got "${raw}"`);
  return n;
}

/** Replicas of `model` for a Trainer's `peers`, so that `threads` threads train it in all. */
export async function startPeersFor(model: Recommender, train: CsrMatrix, threads: number, run: { lr: number; seed: number }, backend: string): Promise<GradientPeer[]> {
  if (threads <= 1) return [];
  const weights = await Promise.all(model.variables.map(async (v) => (await v.data()) as Float32Array));
  return startThreadPeers(threads - 1, { config: model.config, weights, train, ...run }, backend);
}

export async function stopPeers(peers: GradientPeer[]): Promise<void> {
  await Promise.all(peers.map((p) => p.dispose()));
}
