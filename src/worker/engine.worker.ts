import * as Comlink from 'comlink';
import { Engine } from '../engine/engine';
import { chooseBrowserBackend } from '../engine/host/browser-backends';
import { startWorkerPeers } from '../engine/host/replica-peers';

Comlink.expose(new Engine(chooseBrowserBackend, startWorkerPeers));
