import { parentPort, workerData } from 'node:worker_threads';
import { Replica, type ReplicaSetup } from '../core/train/replica';
import { useNodeBackend } from './node-backend';
import type { PeerReply, PeerRequest } from './thread-peers';

/** A data-parallel replica in a worker thread: answers the trainer's requests in order. */
async function main(): Promise<void> {
  const port = parentPort!;
  const { setup, backend } = workerData as { setup: ReplicaSetup; backend: string };
  let replica: Replica;
  try {
    await useNodeBackend(backend);
    replica = new Replica(setup);
  } catch (e) {
    port.postMessage({ id: 0, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies PeerReply);
    return;
  }
  port.postMessage({ id: 0, ok: true } satisfies PeerReply);
  port.on('message', (req: PeerRequest) => {
    try {
      switch (req.method) {
        case 'gradients': {
          const result = replica.gradients(req.users, req.step, req.anneal);
          port.postMessage({ id: req.id, ok: true, result } satisfies PeerReply, result.grads.map((g) => g.buffer as ArrayBuffer));
          return;
        }
        case 'apply':
          replica.apply(req.grads);
          break;
        case 'setWeights':
          replica.setWeights(req.weights);
          break;
        case 'dispose':
          replica.dispose();
          break;
      }
      port.postMessage({ id: req.id, ok: true } satisfies PeerReply);
    } catch (e) {
      port.postMessage({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies PeerReply);
    }
  });
}

void main();
