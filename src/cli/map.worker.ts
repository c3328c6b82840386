import { parentPort } from 'node:worker_threads';
import { serveMap } from '../core/concepts/map/map-protocol';

const port = parentPort!;
serveMap({ post: (reply, transfer) => port.postMessage(reply, transfer), onRequest: (handler) => port.on('message', handler) });
