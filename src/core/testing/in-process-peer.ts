import { Replica, type GradientPeer, type PeerStarter } from '../train/replica';

/**
 * A replica called directly instead of through a thread's messages: the same Replica code the
 * threads run, for tests of the trainer's side of data-parallel training.
 */
export class InProcessPeer implements GradientPeer {
  calls = 0;
  disposed = false;
  constructor(readonly replica: Replica) {}
  async gradients(users: Int32Array, step: number, anneal: number) {
    this.calls++;
    return this.replica.gradients(users, step, anneal);
  }
  async apply(grads: Float32Array[]) {
    this.replica.apply(grads);
  }
  async setWeights(weights: Float32Array[]) {
    this.replica.setWeights(weights);
  }
  async dispose() {
    this.disposed = true;
    this.replica.dispose();
  }
}

/** A PeerStarter of in-process replicas (`threads` − 1 of them, or 1 for 0); `started` collects them. */
export function inProcessStarter(started: InProcessPeer[] = []): PeerStarter {
  return async (setup, _backend, threads) => {
    const count = threads > 0 ? threads - 1 : 1;
    const peers = Array.from({ length: count }, (_, i) => new InProcessPeer(new Replica({ ...setup, shard: i + 1, shards: count + 1 })));
    started.push(...peers);
    return peers;
  };
}
