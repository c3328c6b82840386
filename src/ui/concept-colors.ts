import { schemeTableau10 } from 'd3-scale-chromatic';

/** One colour per concept, the same in every panel. */
export function conceptColor(k: number): string {
  return schemeTableau10[k % schemeTableau10.length];
}
