import * as Comlink from 'comlink';
import type { Engine } from '../engine/engine';

/** The engine as the page sees it: every method is async, whether it runs in a worker or not. */
export type EngineClient = {
  [K in keyof Engine]: Engine[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<Awaited<R>> : never;
};

export interface EngineHandle {
  engine: EngineClient;
  /** 'worker', or 'main thread' when Web Workers are unavailable */
  where: 'worker' | 'main thread';
  /** wraps a callback so it can be called from the worker */
  callback<T extends (...args: never[]) => void>(fn: T): T;
}

/**
 * Starts the engine in a module worker; where that fails (no Worker, blocked, or a worker that
 * cannot load), the same engine is imported and run on the main thread.
 */
export async function startEngine(preferMainThread = false): Promise<EngineHandle> {
  if (!preferMainThread && typeof Worker !== 'undefined') {
    try {
      const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
      const failed = new Promise<never>((_, reject) => worker.addEventListener('error', () => reject(new Error('the engine worker failed to start')), { once: true }));
      const engine = Comlink.wrap<Engine>(worker) as unknown as EngineClient;
      await Promise.race([engine.ping(), failed]);
      return { engine, where: 'worker', callback: (fn) => Comlink.proxy(fn) };
    } catch {
      // fall through to the main thread
    }
  }
  const [{ Engine }, { chooseBrowserBackend }, { startWorkerPeers }] = await Promise.all([
    import('../engine/engine'),
    import('../engine/host/browser-backends'),
    import('../engine/host/replica-peers'),
  ]);
  const local = new Engine(chooseBrowserBackend, startWorkerPeers);
  const engine = new Proxy(local, {
    get: (target, prop) => {
      const v = (target as unknown as Record<string | symbol, unknown>)[prop];
      return typeof v === 'function' ? async (...args: unknown[]) => (v as (...a: unknown[]) => unknown).apply(target, args) : v;
    },
  }) as unknown as EngineClient;
  return { engine, where: 'main thread', callback: (fn) => fn };
}
