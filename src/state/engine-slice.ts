import type { BackendStatus, MemoryStatus } from '../protocol/engine';

export type Phase = 'starting' | 'loading' | 'ready' | 'error';

/** The engine behind the page: where it runs, its backend and memory, what it is doing. */
export interface EngineSlice {
  phase: Phase;
  /** what the app is doing right now, shown while loading */
  activity: string;
  error: string | null;
  where: 'worker' | 'main thread' | null;
  backend: BackendStatus | null;
  memory: MemoryStatus | null;
  lastAction: { label: string; ms: number } | null;
}

export const initialEngine = (): EngineSlice => ({
  phase: 'starting',
  activity: 'starting the engine',
  error: null,
  where: null,
  backend: null,
  memory: null,
  lastAction: null,
});
