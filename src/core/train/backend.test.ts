import { afterAll, describe, expect, it } from 'vitest';
import { chooseBackend, probeBackend, type BackendName } from '../backend';
import { useBackend } from '../testing/test-utils';
import { tf } from '../tf';

// chooseBackend lives in src/core/backend.ts; its test sits here with the other training-side tests.

afterAll(async () => {
  await useBackend('cpu');
});

describe('chooseBackend', () => {
  it("picks wasm in Node from ['wasm', 'cpu'] and says why", async () => {
    const choice = await chooseBackend(['wasm', 'cpu']);
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(choice.reason).toMatch(/probe/);
    expect(choice.tried).toEqual([{ name: 'wasm', ok: true, note: expect.stringMatching(/probe/) }]);
  });

  it('skips a bogus backend name, recording the reason, and takes the next one', async () => {
    const choice = await chooseBackend(['bogus' as BackendName, 'cpu']);
    expect(choice.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(choice.tried).toHaveLength(2);
    expect(choice.tried[0].name).toBe('bogus');
    expect(choice.tried[0].ok).toBe(false);
    expect(choice.tried[0].note.length).toBeGreaterThan(0);
    expect(choice.tried[1]).toMatchObject({ name: 'cpu', ok: true });
    // the winner's reason names what was passed over
    expect(choice.reason).toContain('bogus');
    expect(choice.reason).toContain(choice.tried[0].note);
  });

  it('honours the skip callback and reports its reason', async () => {
    const choice = await chooseBackend(['wasm', 'cpu'], async (name) => (name === 'wasm' ? 'known to be slow here' : null));
    expect(choice.name).toBe('cpu');
    expect(choice.tried[0]).toEqual({ name: 'wasm', ok: false, note: 'known to be slow here' });
    expect(choice.reason).toContain('wasm: known to be slow here');
  });

  it('throws, listing every reason, when nothing works', async () => {
    await expect(chooseBackend(['bogus' as BackendName, 'nope' as BackendName])).rejects.toThrow(/bogus: .+; nope: .+/);
  });
});

describe('probeBackend', () => {
  it('leaves no tensors behind', async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    await probeBackend();
    expect(tf.memory().numTensors).toBe(before);
  });
});
