import { Engine } from '../engine';
import { chooseBrowserBackend } from './browser-backends';
import { IdbStore } from './idb-store';
import { startMapWorker } from './map-thread';
import { startWorkerPeers } from './replica-peers';
import { startTrainerWorker } from './trainer-thread';

/**
 * The engine as a browser thread runs it: backends probed in the browser; training runs, their
 * replicas and the item map in Web Workers of their own; the library in IndexedDB.
 */
export function createBrowserEngine(): Engine {
  return new Engine(chooseBrowserBackend, {
    startPeers: startWorkerPeers,
    startMapThread: startMapWorker,
    openStore: () => IdbStore.open(),
    startTrainer: startTrainerWorker,
  });
}
