import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_SETTINGS } from '../../protocol/constants';
import type { BackendStatus } from '../../protocol/engine';
import { classifyBackend, costWarnings, estimateCost } from './cost';
import { FIELDS, draftFrom, fieldError, fieldsFor, parseDraft } from './settings-spec';

const field = (key: string) => FIELDS.find((f) => f.key === key)!;

describe('training settings form', () => {
  it('shows only the hyperparameters that apply to each model', () => {
    expect(fieldsFor('macridvae').map((f) => f.key)).toEqual([
      'K',
      'd',
      'tau',
      'beta',
      'sigma0',
      'keep',
      'lr',
      'batchSize',
      'epochs',
      'maxUsers',
      'threads',
      'seed',
    ]);
    expect(fieldsFor('multvae').map((f) => f.key)).toEqual([
      'd',
      'beta',
      'keep',
      'lr',
      'batchSize',
      'epochs',
      'maxUsers',
      'threads',
      'seed',
    ]);
    expect(fieldsFor('multdae').map((f) => f.key)).toEqual(['d', 'keep', 'lr', 'batchSize', 'epochs', 'maxUsers', 'threads', 'seed']);
  });

  it('validates numbers, whole numbers and bounds', () => {
    expect(fieldError(field('K'), '7')).toBeNull();
    expect(fieldError(field('K'), '')).toBe('enter a value');
    expect(fieldError(field('K'), '2.5')).toBe('must be a whole number');
    expect(fieldError(field('K'), '0')).toMatch(/between 1 and/);
    expect(fieldError(field('tau'), '0.1')).toBeNull();
    expect(fieldError(field('tau'), '0')).toMatch(/between/);
    expect(fieldError(field('lr'), '1e-3')).toBeNull();
    expect(fieldError(field('keep'), 'abc')).toBe('not a number');
  });

  it('parses a draft, ignoring invalid fields the chosen model does not use', () => {
    const draft = { ...draftFrom(DEFAULT_TRAIN_SETTINGS), K: '2', d: '4', epochs: '2' };
    const p = parseDraft('macridvae', draft, DEFAULT_TRAIN_SETTINGS);
    expect(p.errors).toEqual({});
    expect(p.settings).toMatchObject({ kind: 'macridvae', K: 2, d: 4, epochs: 2, tau: 0.1 });
    const bad = parseDraft('macridvae', { ...draft, tau: '-1' }, DEFAULT_TRAIN_SETTINGS);
    expect(bad.settings).toBeNull();
    expect(Object.keys(bad.errors)).toEqual(['tau']);
    expect(parseDraft('multdae', { ...draft, tau: '-1' }, DEFAULT_TRAIN_SETTINGS).settings).toMatchObject({ kind: 'multdae', d: 4 });
  });
});

describe('training cost warnings', () => {
  const demo = { items: 5700, trainUsers: 510, valUsers: 50 };
  const swiftshader: BackendStatus = {
    name: 'webgpu',
    reason: '',
    tried: [],
    adapter: { description: 'google swiftshader', isFallback: true },
  };
  const gpu: BackendStatus = { name: 'webgpu', reason: '', tried: [], adapter: { description: 'nvidia', isFallback: false } };

  it('warns about the paper settings on a software GPU but not on a real one', () => {
    expect(costWarnings(DEFAULT_TRAIN_SETTINGS, demo, classifyBackend(swiftshader)).map((w) => w.text)).toContainEqual(
      expect.stringMatching(/K·d = 7·100 = 700 is large/),
    );
    expect(costWarnings(DEFAULT_TRAIN_SETTINGS, demo, classifyBackend(gpu))).toEqual([]);
    expect(costWarnings({ ...DEFAULT_TRAIN_SETTINGS, K: 2, d: 4 }, demo, classifyBackend(swiftshader)).map((w) => w.text)).toEqual([
      expect.stringMatching(/software GPU takes minutes per epoch/),
    ]);
    expect(costWarnings({ ...DEFAULT_TRAIN_SETTINGS, K: 2, d: 4, maxUsers: 40 }, demo, classifyBackend(swiftshader))).toEqual([]);
    expect(costWarnings({ ...DEFAULT_TRAIN_SETTINGS, K: 2, d: 4 }, demo, classifyBackend(gpu))).toEqual([]);
  });

  it('warns when one batch of a baseline builds a huge score tensor; MacridVAE chunks its decoder within the budget', () => {
    const big = { items: 40000, trainUsers: 100000, valUsers: 10000 };
    const mult = { ...DEFAULT_TRAIN_SETTINGS, kind: 'multvae' as const, batchSize: 2000 };
    expect(costWarnings(mult, big, classifyBackend(gpu)).some((x) => /score tensor/.test(x.text))).toBe(true);
    expect(estimateCost(mult, big).largestTensorBytes).toBe(4 * 2000 * 40000);
    const macrid = { ...DEFAULT_TRAIN_SETTINGS, batchSize: 2000 };
    const limited = { ...gpu, limits: { maxBufferSize: 256 * 2 ** 20, maxStorageBufferBindingSize: 128 * 2 ** 20, simulated: null } };
    // half of 128 MiB per tensor: 59 users' [59·7, 40,000] logits, or 419 users' validation scores
    const cost = estimateCost(macrid, big, limited.limits);
    expect(cost.chunkUsers).toBe(59);
    expect(cost.largestTensorBytes).toBe(4 * 419 * 40000);
    expect(cost.largestTensorBytes).toBeLessThanOrEqual(64 * 2 ** 20);
    expect(costWarnings(macrid, big, classifyBackend(limited)).some((x) => /score tensor/.test(x.text))).toBe(false);
  });
});
