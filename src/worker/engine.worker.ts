import * as Comlink from 'comlink';
import { createBrowserEngine } from '../engine/host/browser-engine';

Comlink.expose(createBrowserEngine());
