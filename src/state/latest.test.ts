import { describe, expect, it } from 'vitest';
import { isStale, latest, STALE } from './latest';

/** A request whose answers come when the test says so. */
function controllable() {
  const calls: { arg: number; answer: (v: string) => void; fail: (e: Error) => void }[] = [];
  const request = (arg: number) => new Promise<string>((answer, fail) => calls.push({ arg, answer, fail }));
  return { calls, request };
}

const tick = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('latest', () => {
  it('runs one request at a time; a newer one replaces the waiting one, which answers STALE', async () => {
    const { calls, request } = controllable();
    const run = latest(request);
    const a = run(1);
    const b = run(2);
    const c = run(3);
    expect(calls.map((x) => x.arg)).toEqual([1]);
    expect(await b).toBe(STALE);
    calls[0].answer('one');
    expect(await a).toBe('one');
    await tick();
    expect(calls.map((x) => x.arg)).toEqual([1, 3]);
    calls[1].answer('three');
    expect(await c).toBe('three');
    expect(run.busy).toBe(false);
  });

  it('merges waiting requests when told how; the newest caller receives the answer', async () => {
    const { calls, request } = controllable();
    const run = latest(request, { merge: (x, y) => x + y });
    void run(1);
    const b = run(10);
    const c = run(100);
    calls[0].answer('first');
    expect(await b).toBe(STALE);
    await tick();
    expect(calls[1].arg).toBe(110);
    calls[1].answer('merged');
    expect(await c).toBe('merged');
  });

  it('invalidate() makes in-flight answers and errors stale and drops the waiting request', async () => {
    const { calls, request } = controllable();
    const run = latest(request);
    const a = run(1);
    const b = run(2);
    run.invalidate();
    expect(await b).toBe(STALE);
    calls[0].fail(new Error('late failure'));
    expect(await a).toBe(STALE);
    await tick();
    expect(calls).toHaveLength(1);
    const c = run(3);
    calls[1].fail(new Error('current failure'));
    await expect(c).rejects.toThrow('current failure');
  });

  it("'superseded' drops an answer once any newer request was made", async () => {
    const { calls, request } = controllable();
    const run = latest(request, { stale: 'superseded' });
    const a = run(1);
    const b = run(2);
    calls[0].answer('old');
    expect(isStale(await a)).toBe(true);
    await tick();
    calls[1].answer('new');
    expect(await b).toBe('new');
  });

  it('overlap starts every request at once and delivers only the newest answer', async () => {
    const { calls, request } = controllable();
    const run = latest(request, { overlap: true });
    const a = run(1);
    const b = run(2);
    expect(calls.map((x) => x.arg)).toEqual([1, 2]);
    expect(run.busy).toBe(true);
    calls[1].answer('two');
    calls[0].answer('one');
    expect(await b).toBe('two');
    expect(await a).toBe(STALE);
    expect(run.busy).toBe(false);
  });
});
