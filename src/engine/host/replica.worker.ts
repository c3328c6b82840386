import { chooseBackend, type BackendName } from '../../core/backend';
import { serveReplica } from '../../core/train/replica-protocol';
import './browser-tf';

/** A data-parallel training replica in a Web Worker, started by the engine (replica-peers.ts). */
const scope = self as unknown as Worker;
serveReplica(
  {
    post: (reply, transfer) => scope.postMessage(reply, transfer),
    onRequest: (handler) => scope.addEventListener('message', (e) => handler(e.data)),
  },
  (name) => chooseBackend([name as BackendName]),
);
