import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BENCH_FLAGS, checkReproduce, EVALUATE_FLAGS, REPRODUCE_FLAGS, TRAIN_FLAGS } from './command-flags';
import { FlagError, parseFlags, type FlagTable, type FlagValues } from './flags';
import { threadsFlag } from './model-flags';

const DATA = 'public/data/ml-latest-small/ratings.csv';
const MODEL = 'public/models/ml-latest-small';
const TRAIN = ['--data', DATA, '--out', 'runs/flags-test'];
const REPRO = ['--data', DATA];
const EVAL = ['--model', MODEL, '--data', DATA];

const tables = { train: TRAIN_FLAGS, reproduce: REPRODUCE_FLAGS, bench: BENCH_FLAGS, evaluate: EVALUATE_FLAGS } as const;
type Command = keyof typeof tables;
const base: Record<Command, string[]> = { train: TRAIN, reproduce: REPRO, bench: [], evaluate: EVAL };

function parse(command: Command, extra: string[]) {
  const parsed = parseFlags([...base[command], ...extra], tables[command] as FlagTable);
  if (command === 'reproduce') checkReproduce(parsed.values as FlagValues<typeof REPRODUCE_FLAGS>);
  return parsed;
}

/** [command, extra arguments, the message] */
const BAD: [Command, string[], string][] = [
  ['train', ['--epochs', '-1'], '--epochs must be a whole number from 1 to 100000, not "-1"'],
  ['train', ['--epochs', '0'], '--epochs must be a whole number from 1 to 100000, not "0"'],
  ['train', ['--epochs', 'abc'], '--epochs must be a whole number from 1 to 100000, not "abc"'],
  ['train', ['--epochs', '2.5'], '--epochs must be a whole number from 1 to 100000, not "2.5"'],
  ['train', ['--epochs', 'NaN'], '--epochs must be a whole number from 1 to 100000, not "NaN"'],
  ['train', ['--epochs', ''], '--epochs must be a whole number from 1 to 100000, not an empty value'],
  ['train', ['--epochs', '1e9'], '--epochs must be a whole number from 1 to 100000, not "1e9"'],
  ['train', ['--epochs'], '--epochs needs a value (N)'],
  ['train', ['--epochs', '--half'], '--epochs needs a value (N)'],
  ['train', ['--epochs', '5', '--epochs', '6'], '--epochs is given twice'],
  ['train', ['--heldout', '-5'], '--heldout must be a whole number from 1 to 10000000, not "-5"'],
  ['train', ['--heldout', '0'], '--heldout must be a whole number from 1 to 10000000, not "0"'],
  ['train', ['--batch', '0.5'], '--batch must be a whole number from 1 to 1000000, not "0.5"'],
  ['train', ['--batch', '0'], '--batch must be a whole number from 1 to 1000000, not "0"'],
  ['train', ['--threads', '0'], '--threads must be a whole number from 1 to 1024, not "0"'],
  ['train', ['--threads', 'two'], '--threads must be a whole number from 1 to 1024, not "two"'],
  ['train', ['--K', '0.5'], '--K must be a whole number from 1 to 256, not "0.5"'],
  ['train', ['--K', '100000'], '--K must be a whole number from 1 to 256, not "100000"'],
  ['train', ['--K', '0'], '--K must be a whole number from 1 to 256, not "0"'],
  ['train', ['--d', '1e9'], '--d must be a whole number from 1 to 4096, not "1e9"'],
  ['train', ['--d', '-3'], '--d must be a whole number from 1 to 4096, not "-3"'],
  ['train', ['--keep', '2'], '--keep must be a number > 0 and ≤ 1, not "2"'],
  ['train', ['--keep', '0'], '--keep must be a number > 0 and ≤ 1, not "0"'],
  ['train', ['--reg', 'abc'], '--reg must be a number from 0 to 1000000, not "abc"'],
  ['train', ['--reg', '-1'], '--reg must be a number from 0 to 1000000, not "-1"'],
  ['train', ['--tau', '0'], '--tau must be a number > 0 and ≤ 100, not "0"'],
  ['train', ['--tau', 'Infinity'], '--tau must be a number > 0 and ≤ 100, not "Infinity"'],
  ['train', ['--sigma0', '-0.1'], '--sigma0 must be a number from 0 to 10, not "-0.1"'],
  ['train', ['--beta', '0x10'], '--beta must be a number from 0 to 100, not "0x10"'],
  ['train', ['--lr', '0'], '--lr must be a number > 0 and ≤ 1, not "0"'],
  ['train', ['--seed', '-1'], '--seed must be a whole number from 0 to 4294967295, not "-1"'],
  ['train', ['--seed', '1.5'], '--seed must be a whole number from 0 to 4294967295, not "1.5"'],
  ['train', ['--model', 'nosuch'], '--model must be one of macridvae, multvae, multdae, not "nosuch"'],
  ['train', ['--backend', 'webgpu'], '--backend must be one of wasm, cpu, not "webgpu"'],
  ['train', ['--threshold', 'high'], '--threshold must be a number or "none", not "high"'],
  ['train', ['--half=yes'], '--half is a switch and takes no value'],
  ['train', ['--nosuch', '1'], 'unknown flag --nosuch'],
  ['train', ['--Epochs', '1'], 'unknown flag --Epochs'],
  ['train', ['extra'], 'unexpected argument "extra": every value follows its --flag'],
  ['train', ['--meta', 'no/such/movies.csv'], '--meta names no/such/movies.csv, which does not exist'],
  ['train', ['--meta', 'public'], '--meta names public, which is a folder, not a file'],
  ['train', ['--meta', DATA, '--meta', DATA], '--meta is given twice'],
  ['reproduce', ['--seeds', ''], '--seeds must be a comma-separated list with no empty entries, not an empty value'],
  ['reproduce', ['--seeds', '1,,2'], '--seeds must be a comma-separated list with no empty entries, not "1,,2"'],
  ['reproduce', ['--seeds', '1,x'], '--seeds entry "x": must be a whole number from 0 to 4294967295, not "x"'],
  ['reproduce', ['--seeds', '1,1'], '--seeds lists an entry twice: "1,1"'],
  ['reproduce', ['--models', 'macridvae,nosuch'], '--models entry "nosuch": must be one of macridvae, multvae, multdae, not "nosuch"'],
  ['reproduce', ['--report-at', '600'], '--report-at 600 is not below --epochs 500: the full run is reported anyway'],
  ['reproduce', ['--report-at', '0'], '--report-at entry "0": must be a whole number from 1 to 100000, not "0"'],
  ['reproduce', ['--json', `${DATA}/out.json`], `--json cannot be written: ${process.cwd()}/${DATA} is a file, not a folder`],
  ['reproduce', ['--json', 'public'], '--json names public, which is a folder, not a file'],
  ['reproduce', ['--json=', '1'], '--json must name a file, not an empty value'],
  ['bench', ['--backends', 'wasm,gpu'], '--backends entry "gpu": must be one of wasm, cpu, not "gpu"'],
  ['bench', ['--threads', '1,0'], '--threads entry "0": must be a whole number from 1 to 1024, not "0"'],
  ['bench', ['--epochs', '0'], '--epochs must be a whole number from 1 to 1000, not "0"'],
  ['bench', ['--data', 'nope.csv'], '--data names nope.csv, which does not exist'],
  ['evaluate', ['--model', 'no/such/dir'], '--model is given twice'],
  ['evaluate', ['--heldout', 'x'], '--heldout must be a whole number from 1 to 10000000, not "x"'],
  ['evaluate', ['--epochs', '3'], 'unknown flag --epochs'],
];

describe('strict command-line flags', () => {
  it('holds at least 40 bad cases', () => expect(BAD.length).toBeGreaterThanOrEqual(40));

  it.each(BAD)('%s %j: %s', (command, extra, message) => {
    let error: unknown;
    try {
      parse(command, extra);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlagError);
    expect((error as Error).message).toBe(message);
  });

  it('names a missing required flag, and checks --model and --data of evaluate', () => {
    expect(() => parseFlags(['--out', 'x'], TRAIN_FLAGS)).toThrow('--data is required');
    expect(() => parseFlags(['--data', DATA], EVALUATE_FLAGS)).toThrow('--model is required');
    expect(() => parseFlags(['--model', 'no/such', '--data', DATA], EVALUATE_FLAGS)).toThrow(
      '--model must name an existing folder, not "no/such"',
    );
  });

  it('reads good flags into typed values, with defaults', () => {
    const { values } = parseFlags([...TRAIN, '--epochs=3', '--K', '4', '--threshold', 'none', '--half', '--tau', '.5'], TRAIN_FLAGS);
    expect(values).toMatchObject({ epochs: 3, K: 4, threshold: null, half: true, tau: 0.5, model: 'macridvae', heldout: 50, seed: 98765 });
    expect(values.d).toBeUndefined();
    const r = parseFlags([...REPRO, '--seeds', '1, 2', '--models', 'multdae'], REPRODUCE_FLAGS).values;
    expect(r).toMatchObject({ seeds: [1, 2], models: ['multdae'], epochs: 500, threshold: 3.5 });
  });

  it('caps --threads at the cores, with a note', () => {
    const notes: string[] = [];
    expect(threadsFlag(2).parse('64', (n) => notes.push(n))).toBe(2);
    expect(notes).toEqual(['64 threads asked for, but this machine has 2 cores: using 2']);
  });

  it('a command with a bad flag prints one line and the usage, exits 2, and reads no data', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((done) =>
        execFile('npx', ['tsx', 'src/cli/train.ts', ...args], (e, _out, stderr) => done({ code: e ? (e.code as number) : 0, stderr })),
      );
    const { code, stderr } = await run([...TRAIN, '--epochs', '-1']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: --epochs must be a whole number from 1 to 100000, not "-1"\nnpm run train -- --data FILE [--meta FILE] --out DIR [--model macridvae|multvae|multdae]\n(see --help)\n',
    );
  });
});
