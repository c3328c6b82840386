import type { EngineClient, EngineHandle } from '../worker/engine-client';
import { useStore } from './store';

let handle: EngineHandle | null = null;

/** Connects the actions to an engine: the one boot() starts, or a fake in unit tests. */
export function attachEngine(h: EngineHandle): void {
  handle = h;
}

export function engine(): EngineClient {
  if (!handle) throw new Error('the engine has not started');
  return handle.engine;
}

/** Wraps a callback (e.g. progress) so the engine can call it from the worker. */
export function engineCallback<T extends (...args: never[]) => void>(fn: T): T {
  if (!handle) throw new Error('the engine has not started');
  return handle.callback(fn);
}

/** Runs an engine call, records how long it took (status bar) and refreshes the memory figures. */
export async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  useStore.setState({ lastAction: { label, ms: performance.now() - t0 } });
  void refreshMemory();
  return r;
}

export async function refreshMemory(): Promise<void> {
  if (handle) useStore.setState({ memory: await handle.engine.memory() });
}
