import * as Comlink from 'comlink';
import { Engine } from '../engine/engine';
import { chooseBrowserBackend } from './browser-backends';
import { startWorkerPeers } from './replica-peers';

Comlink.expose(new Engine(chooseBrowserBackend, startWorkerPeers));
