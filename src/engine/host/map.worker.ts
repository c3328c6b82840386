import { serveMap } from '../../core/concepts/map/map-protocol';

/** The item map's own Web Worker, started by the engine (map-thread.ts); it loads no tfjs. */
const scope = self as unknown as Worker;
serveMap({
  post: (reply, transfer) => scope.postMessage(reply, transfer),
  onRequest: (handler) => scope.addEventListener('message', (e) => handler(e.data)),
});
