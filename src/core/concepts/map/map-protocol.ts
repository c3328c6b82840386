/**
 * The item map in a thread of its own (a Web Worker, or a Node worker thread): one request per
 * thread, answered by frames (progress, and now and then the layout so far) and a last message.
 * The thread is closed when the map is done or no longer wanted.
 */
import { errorMessage } from '../../error-message';
import { layoutItems, type LayoutOptions, type LayoutProgress } from './item-layout';

export interface MapRequest {
  /** M × d unit rows */
  x: Float32Array;
  d: number;
  options: LayoutOptions;
}

export type MapReply =
  | { kind: 'frame'; progress: LayoutProgress; coords?: Float32Array }
  | { kind: 'done'; coords: Float32Array }
  | { kind: 'error'; error: string };

/** The map thread's end of the channel. */
export interface MapServerPort {
  post(reply: MapReply, transfer: ArrayBuffer[]): void;
  onRequest(handler: (request: MapRequest) => void): void;
}

/** The engine's end: a fresh thread per map. */
export interface MapPort {
  post(request: MapRequest, transfer: ArrayBuffer[]): void;
  onReply(handler: (reply: MapReply) => void): void;
  onFailure(handler: (error: Error) => void): void;
  close(): void;
}

/** Opens a thread for one map, or gives null where threads are missing. */
export type MapStarter = () => MapPort | null;

/** Runs maps in this thread; nothing else runs here, so the layout never needs to yield. */
export function serveMap(port: MapServerPort): void {
  port.onRequest((req) => {
    layoutItems(req.x, req.d, req.options, {
      onFrame: (progress, coords) => port.post({ kind: 'frame', progress, coords }, coords ? [coords.buffer as ArrayBuffer] : []),
      pause: () => Promise.resolve(),
    }).then(
      (coords) => port.post({ kind: 'done', coords }, [coords.buffer as ArrayBuffer]),
      (e: unknown) => port.post({ kind: 'error', error: errorMessage(e) }, []),
    );
  });
}

/**
 * Lays out x on the thread behind `port` and closes it. `onFrame` runs for every frame and `check`
 * every 200 ms; either may throw to abandon the map (the thread is then closed at once).
 */
export function layoutOnPort(
  port: MapPort,
  request: MapRequest,
  onFrame: (progress: LayoutProgress, coords?: Float32Array) => void,
  check: () => void,
): Promise<Float32Array> {
  return new Promise<Float32Array>((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, coords?: Float32Array) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      port.close();
      if (coords) resolve(coords);
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const timer = setInterval(() => {
      try {
        check();
      } catch (e) {
        finish(e);
      }
    }, 200);
    port.onFailure((e) => finish(new Error(`the item map thread failed: ${e.message}`)));
    port.onReply((reply) => {
      if (settled) return;
      try {
        if (reply.kind === 'error') throw new Error(reply.error);
        check();
        // The last frame (stage 'done') came before this.
        if (reply.kind === 'done') finish(null, reply.coords);
        else onFrame(reply.progress, reply.coords);
      } catch (e) {
        finish(e);
      }
    });
    port.post(request, [request.x.buffer as ArrayBuffer]);
  });
}
