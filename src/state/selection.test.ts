import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineClient, EngineHandle } from '../worker/engine-client';
import type { OffsetChange, RecResult, UserView } from '../protocol/engine';
import { attachEngine } from './engine';
import { resetOffsets, selectUser, setOffset, setTopN } from './selection';
import { initialState, useStore } from './store';

/** A controllable stand-in for the worker engine: every call is recorded; moveOffsets answers when told. */
function fakeEngine() {
  const moves: OffsetChange[][] = [];
  const waiting: (() => void)[] = [];
  const rec = (items: number[]): RecResult => ({
    items: Int32Array.from(items),
    scores: new Float32Array(items.length),
    ms: 0,
    alone: null,
  });
  const label = (name: string) => ({ name, weak: false, evidence: [], short: name, detail: '' });
  const view: UserView = {
    user: 3,
    id: 'u3',
    role: 'train',
    history: Int32Array.of(1, 2),
    shares: Float32Array.of(0.5, 0.5),
    mu: new Float32Array(2 * 4),
    historyByComponent: [Int32Array.of(1), Int32Array.of(2)],
    componentTop: [],
    conceptLabels: [label('a'), label('b')],
  };
  const explorer = {
    selectUser: vi.fn(async () => view),
    setOffsets: vi.fn(async () => rec([9])),
    rankings: vi.fn(async (n: number) => ({ recs: rec([5, 6].slice(0, n)), base: rec([5, 6].slice(0, n)) })),
    dimensions: vi.fn(async (k: number) => ({
      k,
      lo: new Float32Array(4),
      hi: new Float32Array(4),
      sensitivity: new Float32Array(4),
      order: Int32Array.of(0, 1, 2, 3),
    })),
    strip: vi.fn(async () => ({ k: 0, j: 0, values: [], steps: [] })),
    resetOffsets: vi.fn(async () => rec([5, 6])),
    moveOffsets: vi.fn((changes: OffsetChange[]) => {
      moves.push(changes);
      return new Promise<RecResult>((resolve) => waiting.push(() => resolve(rec([100 + moves.length]))));
    }),
  };
  const engine = { explorer, memory: vi.fn(async () => ({ numTensors: 6, numBytes: 100 })) };
  const handle = { engine: engine as unknown as EngineClient, where: 'worker', callback: (fn: unknown) => fn } as EngineHandle;
  const answerNext = async () => {
    while (!waiting.length) await Promise.resolve();
    waiting.shift()!();
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return { handle, engine, moves, answerNext };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('selection actions', () => {
  beforeEach(() => {
    useStore.setState(initialState());
    vi.stubGlobal('location', { hash: '', search: '', href: 'http://localhost/' });
    vi.stubGlobal('history', { replaceState: (_: unknown, __: string, hash: string) => ((location as { hash: string }).hash = hash) });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('selecting a user stores its view and both rankings, and writes the user to the URL', async () => {
    const f = fakeEngine();
    attachEngine(f.handle);
    useStore.setState({ users: { ids: ['u0', 'u1', 'u2', 'u3'], roles: ['train', 'train', 'train', 'train'], clicks: new Int32Array(4) } });
    await selectUser(3);
    const s = useStore.getState();
    expect(s.user).toBe(3);
    expect(s.view?.id).toBe('u3');
    expect(Array.from(s.recs!.items)).toEqual([5, 6]);
    expect(Array.from(s.baseRecs!.items)).toEqual([5, 6]);
    expect(s.dims?.k).toBe(0);
    expect(location.hash).toContain('u=u3');
  });

  it('a fast drag sends one request at a time, carrying only the latest value of each coordinate', async () => {
    const f = fakeEngine();
    attachEngine(f.handle);
    setOffset(0, 3, 0.1);
    setOffset(0, 3, 0.2);
    setOffset(0, 3, 0.3);
    setOffset(1, 0, -0.5);
    expect(f.moves).toEqual([[{ k: 0, j: 3, offset: 0.1 }]]);
    expect(useStore.getState().offsets).toEqual({ '0:3': 0.3, '1:0': -0.5 });
    await f.answerNext();
    expect(f.moves[1]).toEqual([
      { k: 0, j: 3, offset: 0.3 },
      { k: 1, j: 0, offset: -0.5 },
    ]);
    await f.answerNext();
    await settle();
    expect(f.moves).toHaveLength(2);
    expect(Array.from(useStore.getState().recs!.items)).toEqual([102]);
  });

  it('a list that a reset made stale is never shown', async () => {
    const f = fakeEngine();
    attachEngine(f.handle);
    setOffset(0, 1, 0.4);
    const reset = resetOffsets();
    await reset;
    expect(Array.from(useStore.getState().recs!.items)).toEqual([5, 6]);
    await f.answerNext();
    await settle();
    expect(Array.from(useStore.getState().recs!.items)).toEqual([5, 6]);
    expect(useStore.getState().offsets).toEqual({});
  });

  it('changing N re-ranks both lists and refuses nonsense', async () => {
    const f = fakeEngine();
    attachEngine(f.handle);
    await setTopN(1);
    expect(useStore.getState().topN).toBe(1);
    expect(Array.from(useStore.getState().recs!.items)).toEqual([5]);
    await setTopN(0);
    await setTopN(2.5);
    expect(useStore.getState().topN).toBe(1);
    expect(f.engine.explorer.rankings).toHaveBeenCalledTimes(1);
  });
});
