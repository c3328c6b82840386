import * as Comlink from 'comlink';
import { chooseBackend, type BackendName } from '../../core/backend';
import type { PeerStarter } from '../../core/train/replica';
import { TrainerHost } from '../training/trainer-host';
import './browser-tf';
import { startWorkerPeers } from './replica-peers';

/**
 * A training run's own thread, started by the engine (trainer-thread.ts): the engine worker stays
 * free to answer the explorer while this one runs minibatches (with its replicas on cpu/wasm).
 */
const peers: PeerStarter = (setup, backend, threads) =>
  backend === 'wasm' || backend === 'cpu' ? startWorkerPeers(setup, backend, threads) : Promise.resolve([]);

Comlink.expose(
  new TrainerHost(peers, async (name) => {
    await chooseBackend([name as BackendName]);
  }),
);
