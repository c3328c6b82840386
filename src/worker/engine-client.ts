import * as Comlink from 'comlink';
import type { Engine } from '../engine/engine';

type Async<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
type Methods<S> = { [K in keyof S as S[K] extends (...args: never[]) => unknown ? K : never]: Async<S[K]> };

/** The engine as the page sees it: every method of every service is async, in a worker or not. */
export type EngineClient = { [K in keyof Engine]: Engine[K] extends (...args: never[]) => unknown ? Async<Engine[K]> : Methods<Engine[K]> };

export interface EngineHandle {
  engine: EngineClient;
  /** 'worker', or 'main thread' when Web Workers are unavailable */
  where: 'worker' | 'main thread';
  /** wraps a callback (progress, training events) so the engine can call it across the wall */
  callback<T extends (...args: never[]) => void>(fn: T): T;
}

const callback = <T extends (...args: never[]) => void>(fn: T): T => Comlink.proxy(fn);

/**
 * Starts the engine in a module worker. Where that fails (no Worker, blocked, or a worker that
 * cannot load), the same engine runs on the main thread behind a MessageChannel, so both paths
 * copy and transfer exactly alike.
 */
export async function startEngine(preferMainThread = false): Promise<EngineHandle> {
  if (!preferMainThread && typeof Worker !== 'undefined') {
    try {
      const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
      const failed = new Promise<never>((_, reject) =>
        worker.addEventListener('error', () => reject(new Error('the engine worker failed to start')), { once: true }),
      );
      const engine = Comlink.wrap<Engine>(worker) as unknown as EngineClient;
      await Promise.race([engine.ping(), failed]);
      return { engine, where: 'worker', callback };
    } catch {
      // fall through to the main thread
    }
  }
  const { createBrowserEngine } = await import('../engine/host/browser-engine');
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(createBrowserEngine(), port1);
  return { engine: Comlink.wrap<Engine>(port2) as unknown as EngineClient, where: 'main thread', callback };
}
