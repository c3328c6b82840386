import type { ShardGradients } from './gradients';
import { Replica, type GradientPeer, type ReplicaSetup } from './replica';
import { errorMessage } from '../error-message';

export type PeerRequest =
  | { id: number; method: 'init'; setup: ReplicaSetup; backend: string }
  | { id: number; method: 'gradients'; users: Int32Array; step: number; anneal: number }
  | { id: number; method: 'apply'; grads: Float32Array[] }
  | { id: number; method: 'setWeights'; weights: Float32Array[] }
  | { id: number; method: 'dispose' };

export type PeerReply = { id: number; ok: true; result?: ShardGradients } | { id: number; ok: false; error: string };

/** The trainer's end of a channel to a replica thread (a Web Worker or a Node worker thread). */
export interface PeerPort {
  post(request: PeerRequest): void;
  onReply(handler: (reply: PeerReply) => void): void;
  onFailure(handler: (error: Error) => void): void;
  close(): Promise<void>;
}

/** The replica thread's end of that channel. */
export interface ReplicaPort {
  post(reply: PeerReply, transfer: ArrayBuffer[]): void;
  onRequest(handler: (request: PeerRequest) => void): void;
}

/** Runs a replica in this thread: the first request sets it up on `backend`, the rest are answered in order. */
export function serveReplica(port: ReplicaPort, useBackend: (name: string) => Promise<unknown>): void {
  let replica: Replica | null = null;
  let ready: Promise<void> = Promise.resolve();
  port.onRequest((req) => {
    ready = ready.then(async () => {
      try {
        if (req.method === 'init') {
          await useBackend(req.backend);
          replica = new Replica(req.setup);
          port.post({ id: req.id, ok: true }, []);
          return;
        }
        if (!replica) throw new Error('the replica was not set up');
        if (req.method === 'gradients') {
          const result = replica.gradients(req.users, req.step, req.anneal);
          port.post(
            { id: req.id, ok: true, result },
            result.grads.map((g) => g.buffer as ArrayBuffer),
          );
          return;
        }
        if (req.method === 'apply') replica.apply(req.grads);
        else if (req.method === 'setWeights') replica.setWeights(req.weights);
        else {
          replica.dispose();
          replica = null;
        }
        port.post({ id: req.id, ok: true }, []);
      } catch (e) {
        port.post({ id: req.id, ok: false, error: errorMessage(e) }, []);
      }
    });
  });
}

type Call = PeerRequest extends infer R ? (R extends PeerRequest ? Omit<R, 'id'> : never) : never;

/** A replica in another thread, seen through its port. */
class PortPeer implements GradientPeer {
  private readonly pending = new Map<number, { resolve: (r: ShardGradients | undefined) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(
    private readonly port: PeerPort,
    private readonly label: string,
  ) {
    port.onReply((reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(`${label}: ${reply.error}`));
    });
    port.onFailure((e) => {
      this.failure ??= new Error(`${label} failed: ${e.message}`);
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
    });
  }

  call(req: Call): Promise<ShardGradients | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.post({ ...req, id } as PeerRequest);
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
    if (!this.failure) await this.call({ method: 'dispose' }).catch(() => undefined);
    this.failure ??= new Error(`${this.label} was disposed`);
    await this.port.close();
  }
}

/**
 * Starts `count` replicas for data-parallel training, shards 1…count of count + 1 (the calling
 * thread computes shard 0), each opened by `open` and set up on `backend`.
 */
export async function startPeers(
  count: number,
  setup: Omit<ReplicaSetup, 'shard' | 'shards'>,
  backend: string,
  open: () => PeerPort,
): Promise<GradientPeer[]> {
  const peers = Array.from({ length: count }, (_, i) => new PortPeer(open(), `replica thread ${i + 1}`));
  try {
    await Promise.all(peers.map((p, i) => p.call({ method: 'init', setup: { ...setup, shard: i + 1, shards: count + 1 }, backend })));
  } catch (e) {
    await Promise.all(peers.map((p) => p.dispose()));
    throw e;
  }
  return peers;
}
