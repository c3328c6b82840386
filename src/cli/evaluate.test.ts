import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeMovieLensLike } from '../../e2e/fixtures/movielens-like';

const DEMO = 'public/models/ml-latest-small';
const DATA = 'public/data/ml-latest-small/ratings.csv';

function evaluateCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile('npx', ['tsx', 'src/cli/evaluate.ts', ...args], (e, stdout, stderr) =>
      done({ code: e ? (e.code as number) : 0, stdout, stderr }),
    ),
  );
}

describe('npm run evaluate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evaluate-'));

  it("gives the shipped model's test metrics on its official split, as reproduce's test block", async () => {
    const out = join(dir, 'metrics.json');
    const { code, stdout } = await evaluateCli(['--model', DEMO, '--data', DATA, '--backend', 'cpu', '--json', out]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.test.ndcg100.mean).toBeCloseTo(0.29459, 5);
    expect(Object.keys(report.test)).toEqual(['ndcg100', 'recall20', 'recall50']);
    expect(report.dataset.stats).toMatchObject({ filteredUsers: 603, items: 5697, testUsers: 50 });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(report);
  });

  it('refuses a model of another vocabulary and a model with NaN weights, exit 2, no stack trace', async () => {
    const other = join(dir, 'u.data');
    writeFileSync(other, makeMovieLensLike({ users: 120, items: 90, perUser: 25, seed: 3 }).uData);
    const mismatch = await evaluateCli(['--model', DEMO, '--data', other, '--heldout', '10', '--backend', 'cpu']);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toMatch(
      /\npublic\/models\/ml-latest-small\/model\.json: its item vocabulary \(5697 items, from ratings\.csv\) is not the one of u\.data with --heldout 10 \(\d+ items\)/,
    );

    const nan = join(dir, 'nan');
    mkdirSync(nan);
    copyFileSync(join(DEMO, 'model.json'), join(nan, 'model.json'));
    const weights = readFileSync(join(DEMO, 'model.weights.bin'));
    weights.fill(0xff, 0, 64);
    writeFileSync(join(nan, 'model.weights.bin'), weights);
    expect(mismatch.stderr).not.toMatch(/\n\s+at /);
    const broken = await evaluateCli(['--model', nan, '--data', DATA, '--backend', 'cpu']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(
      `\n${join(nan, 'model.weights.bin')}: weight "items" has 32 non-finite values (the first, at position 0, is NaN): it was saved after training diverged, or the file is damaged\n`,
    );
  });
});
