import { parentPort } from 'node:worker_threads';
import { serveReplica } from '../core/train/replica-protocol';
import { useNodeBackend } from './node-backend';

const port = parentPort!;
serveReplica(
  { post: (reply, transfer) => port.postMessage(reply, transfer), onRequest: (handler) => port.on('message', handler) },
  useNodeBackend,
);
