/**
 * The 2-D item map (core/concepts/map): in a thread of its own when the engine was given a way to
 * open one, so slider requests are never queued behind it; otherwise here, yielding every 40 ms.
 */
import { layoutItems, type LayoutOptions, type LayoutProgress } from '../../core/concepts/map/item-layout';
import { layoutOnPort, type MapStarter } from '../../core/concepts/map/map-protocol';
import { nextMacrotask } from '../host/yield';

/** Thrown when a newer model replaced the one being mapped. */
export class Superseded extends Error {
  constructor() {
    super('the model changed while the map was being computed');
  }
}

/**
 * UMAP coordinates (M × 2) of the unit item vectors hn, the same for a given seed wherever they
 * are computed. `onFrame` gets progress and, now and then, the layout so far; `check` throws
 * (e.g. Superseded) to abandon the run.
 */
export function itemMap(
  hn: Float32Array,
  d: number,
  options: LayoutOptions,
  onFrame: (p: LayoutProgress, coords?: Float32Array) => void,
  check: () => void = () => {},
  startThread?: MapStarter,
): Promise<Float32Array> {
  const port = startThread?.();
  // The thread takes the rows over (transferred), so it gets a copy: hn is the model's own.
  if (port) return layoutOnPort(port, { x: hn.slice(), d, options }, onFrame, check);
  return layoutItems(hn, d, options, {
    onFrame,
    pause: async () => {
      await nextMacrotask();
      check();
    },
  });
}
