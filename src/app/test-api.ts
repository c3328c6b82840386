import { engine } from '../state/engine';
import { useStore } from '../state/store';

declare global {
  interface Window {
    __explorer?: {
      memory: () => Promise<{ numTensors: number; numBytes: number }>;
      state: () => ReturnType<typeof useStore.getState>;
    };
  }
}

/** In test builds (`vite build --mode test`), e2e tests read engine memory and store state here instead of sleeping. */
export function exposeTestApi(): void {
  if (import.meta.env.MODE !== 'test' && !import.meta.env.DEV) return;
  window.__explorer = { memory: () => engine().memory(), state: () => useStore.getState() };
}
