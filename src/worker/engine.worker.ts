import * as Comlink from 'comlink';
import { Engine } from '../engine/engine';
import { chooseBrowserBackend } from './browser-backends';

Comlink.expose(new Engine(chooseBrowserBackend));
