import { Engine } from '../engine';
import { chooseBrowserBackend } from './browser-backends';
import { IdbStore } from './idb-store';
import { startMapWorker } from './map-thread';
import { startWorkerPeers } from './replica-peers';

/** The engine as a browser thread runs it: backends probed in the browser, training replicas and the item map in Web Workers, the library in IndexedDB. */
export function createBrowserEngine(): Engine {
  return new Engine(chooseBrowserBackend, {
    startPeers: startWorkerPeers,
    startMapThread: startMapWorker,
    openStore: () => IdbStore.open(),
  });
}
