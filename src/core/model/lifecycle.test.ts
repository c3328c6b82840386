import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf';
import { createModel } from './factory';
import { MODEL_KINDS, defaultConfig } from './defaults';
import { useBackend } from '../testing/test-utils';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('model lifecycle', () => {
  for (const kind of MODEL_KINDS) {
    it(`${kind}: dispose() frees every tensor and byte the constructor allocated`, () => {
      const before = tf.memory();
      const model = createModel({ ...defaultConfig(kind, 50), d: 4 }, 1);
      const alive = tf.memory();
      // exactly one tensor per variable while the model lives (no stray initial-value copies)
      expect(alive.numTensors - before.numTensors).toBe(model.variables.length);
      model.dispose();
      const after = tf.memory();
      expect(after.numTensors).toBe(before.numTensors);
      expect(after.numBytes).toBe(before.numBytes);
    });
  }

  it('models of every kind can be alive at the same time', () => {
    const models = MODEL_KINDS.flatMap((kind) => [
      createModel({ ...defaultConfig(kind, 20), d: 2 }, 1),
      createModel({ ...defaultConfig(kind, 20), d: 2 }, 2),
    ]);
    const names = models.flatMap((m) => m.variables.map((v) => v.name));
    expect(new Set(names).size).toBe(names.length);
    for (const m of models) m.dispose();
  });
});
