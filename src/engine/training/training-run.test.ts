import { beforeAll, describe, expect, it } from 'vitest';
import { buildSplit } from '../../core/data/split';
import { makeSyntheticLog } from '../../core/data/synthetic';
import type { Split } from '../../core/data/types';
import { useBackend } from '../../core/testing/test-utils';
import { inProcessStarter, type InProcessPeer } from '../../core/testing/in-process-peer';
import { tf } from '../../core/tf';
import type { TrainEvent, TrainSettings } from '../../protocol/engine';
import { TrainingRun } from './training-run';

let split: Split;
const SETTINGS: TrainSettings = {
  kind: 'macridvae',
  K: 2,
  d: 4,
  tau: 0.1,
  beta: 0.2,
  sigma0: 0.075,
  keep: 0.5,
  lr: 1e-3,
  batchSize: 20,
  epochs: 3,
  seed: 1,
  maxUsers: 0,
  threads: 0,
};

beforeAll(async () => {
  await useBackend('cpu');
  const data = makeSyntheticLog({ nUsers: 120, nItems: 50, nCategories: 3, seed: 2, minClicks: 8, maxClicks: 14 });
  split = buildSplit(data.log, { nHeldout: 15 });
});

/** Resolves when `pred` holds for an emitted event. */
function recorder() {
  const events: TrainEvent[] = [];
  const waiters: { pred: (e: TrainEvent) => boolean; resolve: () => void }[] = [];
  const emit = (e: TrainEvent) => {
    events.push(e);
    for (const w of [...waiters]) {
      if (!w.pred(e)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  /** also looks at the events since index `since` that were emitted already */
  const when = (pred: (e: TrainEvent) => boolean, since = 0) =>
    new Promise<void>((resolve) => (events.slice(since).some(pred) ? resolve() : waiters.push({ pred, resolve })));
  return { events, emit, when };
}

describe('TrainingRun', () => {
  it('runs every epoch, one point each, reports batch progress, and ends done', async () => {
    const r = recorder();
    const run = new TrainingRun(split, SETTINGS, r.emit);
    const state = await run.run();
    run.dispose();
    run.model.dispose();
    expect(state).toBe('done');
    const points = r.events.filter((e) => e.point).map((e) => e.point!);
    expect(points.map((p) => p.epoch)).toEqual([1, 2, 3]);
    expect(points.every((p) => Number.isFinite(p.loss) && p.seconds >= 0)).toBe(true);
    expect(r.events.some((e) => e.batch && e.batch.done > 0 && e.batch.done <= e.batch.total)).toBe(true);
  });

  it('pauses between minibatches, steps exactly one epoch, resumes and stops keeping the best epoch', async () => {
    const r = recorder();
    const run = new TrainingRun(split, { ...SETTINGS, epochs: 50 }, r.emit);
    const done = run.run(true);
    await r.when((e) => e.state === 'paused');
    run.step();
    await r.when((e) => Boolean(e.point));
    // paused again after the stepped epoch: no second point arrives on its own
    for (let i = 0; i < 20; i++) await new Promise((res) => setTimeout(res, 0));
    expect(run.trainer.epoch).toBe(1);
    expect(run.state).toBe('paused');
    run.resume();
    await r.when((e) => e.point?.epoch === 2);
    // pause mid-epoch: the batch counter stops moving
    await r.when((e) => (e.batch?.done ?? 0) >= 1 && e.state === 'running', r.events.length);
    run.pause();
    const stepsAtPause = run.trainer.step;
    for (let i = 0; i < 20; i++) await new Promise((res) => setTimeout(res, 0));
    expect(run.trainer.step - stepsAtPause).toBeLessThanOrEqual(1);
    run.stop();
    expect(await done).toBe('stopped');
    expect(run.keepBest).toBe(true);
    expect(run.trainer.epoch).toBeLessThan(50);
    expect(run.trainer.bestEpoch).toBeGreaterThanOrEqual(1);
    run.dispose();
    run.model.dispose();
  });

  it('with a peer starter, trains on two threads, reports it and frees the replica at the end', async () => {
    const r = recorder();
    const started: InProcessPeer[] = [];
    const run = new TrainingRun(split, { ...SETTINGS, batchSize: 40 }, r.emit, inProcessStarter(started));
    expect(await run.run()).toBe('done');
    expect(started).toHaveLength(1);
    expect(started[0].calls).toBeGreaterThan(0);
    expect(r.events.filter((e) => e.point).every((e) => e.threads === 2)).toBe(true);
    expect(started[0].disposed).toBe(true);
    run.dispose();
    run.model.dispose();
  });

  it('threads = 1 starts no replicas', async () => {
    const started: InProcessPeer[] = [];
    const run = new TrainingRun(split, { ...SETTINGS, threads: 1 }, recorder().emit, inProcessStarter(started));
    expect(await run.run()).toBe('done');
    expect(started).toHaveLength(0);
    expect(run.trainer.threads).toBe(1);
    run.dispose();
    run.model.dispose();
  });

  it('training goes on alone when the replicas fail to start', async () => {
    const r = recorder();
    const run = new TrainingRun(split, SETTINGS, r.emit, async () => Promise.reject(new Error('no workers here')));
    expect(await run.run()).toBe('done');
    expect(r.events.filter((e) => e.point).every((e) => e.threads === 1)).toBe(true);
    run.dispose();
    run.model.dispose();
  });

  it('a stop mid-epoch leaks no tensors and a discarded run says so', async () => {
    const before = tf.memory().numTensors;
    const r = recorder();
    const run = new TrainingRun(split, { ...SETTINGS, epochs: 50 }, r.emit);
    const done = run.run();
    await r.when((e) => (e.batch?.done ?? 0) >= 1);
    run.stop(false);
    expect(await done).toBe('stopped');
    expect(run.keepBest).toBe(false);
    run.dispose();
    run.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a failure as a failed event with the message', async () => {
    const r = recorder();
    const run = new TrainingRun(split, { ...SETTINGS, epochs: 30 }, r.emit);
    const orig = run.trainer.trainEpoch.bind(run.trainer);
    let n = 0;
    run.trainer.trainEpoch = async () => {
      if (++n === 2) throw new Error('boom');
      return orig();
    };
    expect(await run.run()).toBe('failed');
    expect(r.events.at(-1)).toMatchObject({ state: 'failed', message: 'boom' });
    run.dispose();
    run.model.dispose();
  });
});
