import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapPort } from '../../core/concepts/map/map-protocol';
import { tf } from '../../core/tf';
import type { MapProgress } from '../../protocol/concepts';
import type { BackendStatus } from '../../protocol/engine';
import { Engine } from '../engine';
import { ConceptsService, type ConceptsSource } from './concepts-service';

/** The CLI's map thread (src/cli/map-thread.ts), opened here by path: engine/ does not import cli/. */
function startMapThread(): MapPort {
  const entry = new URL('../../cli/map.worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}));`,
    {
      eval: true,
    },
  );
  return {
    post: (request, transfer) => worker.postMessage(request, transfer),
    onReply: (handler) => worker.on('message', handler),
    onFailure: (handler) => worker.on('error', handler),
    close: () => void worker.terminate(),
  };
}

const cpu = async (): Promise<BackendStatus> => ({ name: 'cpu', reason: 'test', tried: [] });

describe('the item map in its own thread', () => {
  const engine = new Engine(cpu, { startMapThread });

  beforeAll(async () => {
    await tf.setBackend('cpu');
    await engine.init();
    await engine.dataset.openSynthetic({ users: 400, items: 2500, categories: 5, seed: 3 });
    await engine.explorer.selectUser(0, 10);
  });
  afterAll(() => engine.explorer.resetOffsets(10, 0));

  it('answers slider moves while the map computes, and lays out what the engine thread would', async () => {
    const options = { nEpochs: 150, seed: 5 };
    const frames: MapProgress[] = [];
    let done = false;
    const map = engine.concepts.map(options, (p) => frames.push(p)).finally(() => (done = true));
    // Slider moves every 5 ms from timers: each is answered, and no timer waits long for the engine thread.
    const answered: number[] = [];
    let worstGap = 0;
    let last = performance.now();
    let offset = 0;
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const now = performance.now();
      if (!done) {
        worstGap = Math.max(worstGap, now - last);
        const r = engine.explorer.moveOffsets([{ k: 1, j: 0, offset: (offset = -offset + 0.1) }], 10, 1);
        expect(r.items).toHaveLength(10);
        answered.push(now);
      }
      last = performance.now();
    }
    const result = await map;
    expect(answered.length).toBeGreaterThan(20);
    expect(worstGap).toBeLessThan(200);
    expect(frames.some((f) => f.coords && f.stage !== 'done')).toBe(true);
    expect(frames.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });
    expect(result.coords.every(Number.isFinite)).toBe(true);

    // The same options computed on this thread give the same layout, bit for bit.
    const here = new ConceptsService(engine['ws'] as ConceptsSource);
    const local = await here.map(options);
    expect(Array.from(local.coords)).toEqual(Array.from(result.coords));
  });

  it('abandons the thread for a newer request', async () => {
    const old = engine.concepts.map({ nEpochs: 400, seed: 11 }).catch((e: unknown) => e);
    const next = engine.concepts.map({ nEpochs: 30, seed: 12 });
    expect(String(await old)).toMatch(/changed/);
    expect((await next).coords.every(Number.isFinite)).toBe(true);
  });
});
