import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeMovieLensLike } from '../../e2e/fixtures/movielens-like';
import { checkExport, EXPORT_FLAGS } from './command-flags';
import { FlagError, parseFlags } from './flags';

const DEMO = 'public/models/ml-latest-small';
const DATA = 'public/data/ml-latest-small/ratings.csv';

function cli(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile('npx', ['tsx', `src/cli/${script}.ts`, ...args], (e, stdout, stderr) =>
      done({ code: e ? (e.code as number) : 0, stdout, stderr }),
    ),
  );
}

function flagError(args: string[]): string {
  try {
    const { values, given } = parseFlags(args, EXPORT_FLAGS);
    checkExport(values, given);
  } catch (e) {
    if (e instanceof FlagError) return e.message;
    throw e;
  }
  return 'accepted';
}

describe('npm run export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'export-'));

  it('checks its flags before any work', () => {
    expect(flagError(['--out', dir])).toBe('give --data (to export a split), --model (to export weights), or both');
    expect(flagError(['--out', dir, '--model', DEMO, '--split', 'recbole'])).toBe('--split applies to the split: give --data too');
    expect(flagError(['--out', dir, '--data', DATA, '--half'])).toBe('--half applies to the weights: give --model too');
    expect(flagError(['--out', dir, '--data', DATA, '--split', 'npz,csv'])).toBe(
      '--split entry "csv": must be one of npz, recbole, not "csv"',
    );
    expect(flagError(['--out', dir, '--data', DATA, '--name', '../x'])).toBe(
      '--name must be a name of letters, digits, ".", "_" and "-", not "../x"',
    );
    expect(flagError(['--out', DATA, '--data', DATA])).toBe(`--out names ${DATA}, which is a file, not a folder`);
    expect(flagError(['--out', dir, '--data', DATA, '--model', DEMO, '--half', '--split', 'npz,recbole'])).toBe('accepted');
  });

  it('writes the split and the weights; evaluate scores the exported model exactly as the original', async () => {
    const out = join(dir, 'demo');
    const run = await cli('export', ['--out', out, '--data', DATA, '--split', 'npz,recbole', '--name', 'ml', '--model', DEMO]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const f of [
      'split.npz',
      'split.json',
      'ml/ml.train.inter',
      'ml/ml.valid.inter',
      'ml/ml.test.inter',
      'model.safetensors',
      'config.json',
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(run.stdout).toContain('model.safetensors (F16, 2.3 MB)');
    const [original, exported] = await Promise.all(
      [DEMO, out].map((m) => cli('evaluate', ['--model', m, '--data', DATA, '--backend', 'cpu']).then((r) => JSON.parse(r.stdout))),
    );
    expect(exported.test).toEqual(original.test);
    expect(exported.validation).toEqual(original.validation);
    expect(exported.test.ndcg100.mean).toBeCloseTo(0.29459, 5);
  });

  it('refuses a model that does not belong to the split, and a folder with no model, exit 2', async () => {
    const other = join(dir, 'u.data');
    writeFileSync(other, makeMovieLensLike({ users: 120, items: 90, perUser: 25, seed: 3 }).uData);
    const mismatch = await cli('export', ['--out', join(dir, 'x'), '--data', other, '--heldout', '10', '--model', DEMO]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toMatch(
      /public\/models\/ml-latest-small\/model\.json: its item vocabulary \(5697 items\) is not the one of u\.data/,
    );
    const empty = await cli('export', ['--out', join(dir, 'y'), '--model', dir]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(`${dir}: holds neither model.json nor config.json`);
    expect(existsSync(join(dir, 'x', 'split.npz'))).toBe(false);
  });
});
