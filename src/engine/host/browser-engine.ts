import { Engine } from '../engine';
import { chooseBrowserBackend } from './browser-backends';
import { startMapWorker } from './map-thread';
import { startWorkerPeers } from './replica-peers';

/** The engine as a browser thread runs it: backends probed in the browser, training replicas and the item map in Web Workers. */
export function createBrowserEngine(): Engine {
  return new Engine(chooseBrowserBackend, startWorkerPeers, startMapWorker);
}
