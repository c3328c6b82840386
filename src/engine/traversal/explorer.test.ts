import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSyntheticLog } from '../../core/data/synthetic';
import { defaultConfig, MACRID_DEFAULTS } from '../../core/model/defaults';
import { createModel } from '../../core/model/factory';
import { batchFromItems } from '../../core/model/batch';
import { tf } from '../../core/tf';
import { useBackend } from '../../core/testing/test-utils';
import { datasetFromLog, parseReportFor } from '../dataset/dataset-state';
import { Workspace } from '../workspace';
import { Explorer } from './explorer';

beforeAll(async () => {
  await useBackend('cpu');
});

function workspace() {
  const { log, meta } = makeSyntheticLog({ nUsers: 60, nItems: 120, nCategories: 3, seed: 4 });
  const ws = new Workspace();
  ws.setDataset(datasetFromLog('synthetic', 'synthetic', log, parseReportFor(log), meta, { nHeldout: 5 }));
  return ws;
}

describe('explorer: a traversal that explains itself', () => {
  const ws = workspace();
  const explorer = new Explorer(ws);
  let tensors = 0;

  beforeAll(async () => {
    const M = ws.requireData().split.itemIds.length;
    await ws.setModel(createModel({ ...MACRID_DEFAULTS, K: 3, d: 8, nItems: M }, 7), { source: 'untrained', bestEpoch: 0, epochs: 0 });
    await explorer.selectUser(0, 10);
    tensors = tf.memory().numTensors;
  });
  afterAll(() => expect(tf.memory().numTensors).toBe(tensors));

  it('describes every dimension of a component on the full range, and ranks them by the component’s own list', () => {
    const info = explorer.dimensions(1, 10, 'full');
    expect(info.range).toBe('full');
    expect(Array.from(info.lo)).toEqual(new Array(8).fill(-1));
    expect(info.dataLo.every((x, j) => x <= info.dataHi[j])).toBe(true);
    expect(info.effects).toHaveLength(8);
    for (const e of info.effects) expect(e.text.length).toBeGreaterThan(0);
    const top = info.order[0];
    expect(info.aloneSensitivity[top]).toBe(Math.max(...info.aloneSensitivity));
    expect(info.effects[top].replaced).toBeGreaterThan(0);
    expect(info.effects[top].text).toMatch(/[↑↓] /);
    expect(info.topDimension).toHaveLength(3);
    expect(info.topDimension[1]).toBe(top);
  });

  it('answers slider moves with both lists, the second of the focused component', async () => {
    const r = explorer.moveOffsets([{ k: 2, j: 0, offset: 0.5 }], 10, 2);
    expect(r.alone?.k).toBe(2);
    expect(r.alone?.items).toHaveLength(10);
    const { recs, base } = await explorer.rankings(10, 2);
    expect(Array.from(recs.alone!.items)).toEqual(Array.from(r.alone!.items));
    expect(base.alone!.k).toBe(2);
    explorer.resetOffsets(10, 0);
  });

  it('explains an item: component shares of the score sum to one and nearest clicks come from the history', async () => {
    const { recs } = await explorer.rankings(10, 0);
    const why = await explorer.whyItem(recs.items[0]);
    expect(why.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(why.score).toBeCloseTo(recs.scores[0], 4);
    expect(why.conceptWeights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const c = ws.requireData().users.clicks;
    const history = new Set(c.indices.subarray(c.indptr[0], c.indptr[1]));
    expect(why.nearest.items.length).toBeGreaterThan(0);
    expect(Array.from(why.nearest.items).every((i) => history.has(i))).toBe(true);
    await expect(explorer.whyItem(-1)).rejects.toThrow(/no item/);
  });
});

describe('explorer: why an item, for a model without components', () => {
  it('gives the nearest clicked items in the decoder’s item vectors and leaks no tensor', async () => {
    const ws = workspace();
    const explorer = new Explorer(ws);
    const M = ws.requireData().split.itemIds.length;
    await ws.setModel(createModel({ ...defaultConfig('multvae', M), d: 8 }, 3), { source: 'untrained', bestEpoch: 0, epochs: 0 });
    await explorer.selectUser(1, 5);
    const before = tf.memory().numTensors;
    const { recs } = await explorer.rankings(5, 0);
    expect(recs.alone).toBeNull();
    const why = await explorer.whyItem(recs.items[0]);
    expect(why.shares).toHaveLength(0);
    expect(why.space).toContain('decoder');
    expect(why.nearest.items.length).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('explorer: β-Mult-VAE’s d latent dimensions traverse like one component', () => {
  it('moves the list with a slider, describes its dimensions, and leaks no tensor', async () => {
    const ws = workspace();
    const explorer = new Explorer(ws);
    const M = ws.requireData().split.itemIds.length;
    await ws.setModel(createModel({ ...defaultConfig('multvae', M), d: 6 }, 9), { source: 'untrained', bestEpoch: 0, epochs: 0 });
    const view = await explorer.selectUser(2, 10);
    expect(view.mu).toHaveLength(6);
    expect(Array.from(view.shares)).toEqual([1]);
    const before = tf.memory().numTensors;
    const { recs } = await explorer.rankings(10, 0);
    const scores = ws.requireModel().scores(batchFromItems(view.history, M));
    const full = await scores.array();
    scores.dispose();
    const top = Array.from(full[0].keys())
      .filter((i) => !view.history.includes(i))
      .sort((a, b) => full[0][b] - full[0][a])
      .slice(0, 10);
    expect(Array.from(recs.items)).toEqual(top);
    expect(recs.alone).toBeNull();
    const info = explorer.dimensions(0, 10, 'full');
    expect(info.effects).toHaveLength(6);
    const moved = explorer.moveOffsets([{ k: 0, j: info.order[0], offset: 3 }], 10, 0);
    expect(Array.from(moved.items)).not.toEqual(top);
    expect(Array.from(explorer.resetOffsets(10, 0).items)).toEqual(top);
    expect(tf.memory().numTensors).toBe(before);
  });
});
