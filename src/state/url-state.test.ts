import { describe, expect, it } from 'vitest';
import { formatHash, parseHash, roundOffset, validateView } from './url-state';

describe('url state', () => {
  it('round-trips a view, offsets exactly as the store rounds them', () => {
    const offsets = { '0:21': roundOffset(-0.14830000001), '3:7': roundOffset(0.0123456) };
    const hash = formatHash({ dataset: 'ml-latest-small', user: '444', component: 0, topN: 20, offsets });
    const back = parseHash(hash);
    expect(back).toEqual({ dataset: 'ml-latest-small', user: '444', component: 0, topN: 20, offsets });
    expect(back.offsets['3:7']).toBe(0.01235);
  });

  it('drops zero and float-noise offsets', () => {
    expect(roundOffset(3e-17)).toBe(0);
    expect(formatHash({ offsets: { '0:1': 0, '0:2': 1e-12 } })).toBe('#');
  });

  it('keeps only what fits the model', () => {
    const v = validateView(parseHash('#u=7&k=9&n=5000&o=0.1=0.5,9.1=0.2,0.200=0.1'), { userIds: ['7'], K: 7, d: 100 });
    expect(v).toEqual({ dataset: undefined, user: '7', component: undefined, topN: undefined, offsets: { '0:1': 0.5 } });
  });
});
