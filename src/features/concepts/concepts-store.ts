import { create } from 'zustand';
import type { ConceptsReport, MapOptions, MapProgress, MicroReport, MicroSource, Neighbours, UserAnchors } from '../../protocol/concepts';
import type { LoadedState } from '../../protocol/engine';

/** How the item map colours its points: by concept, by each item's first category, or one category against the rest. */
export type ColourBy = { kind: 'concept' } | { kind: 'primary' } | { kind: 'category'; c: number };

export type CellScale = 'column' | 'row' | 'count';

export interface ConceptsState {
  /** the dataset + model the figures below belong to (the main store's `loaded`) */
  source: LoadedState | null;
  report: ConceptsReport | null;
  reportError: string | null;
  mapOptions: MapOptions;
  coords: Float32Array | null;
  mapMs: number | null;
  laidOut: number;
  mapProgress: MapProgress | null;
  mapError: string | null;
  colourBy: ColourBy;
  /** legend entry shown alone (others dimmed), −1 for none */
  isolate: number;
  search: string;
  hovered: number | null;
  selected: number | null;
  neighbours: Neighbours | null;
  /** increases when an item is picked from a list, so the map centres on it */
  reveal: number;
  showUser: boolean;
  anchors: UserAnchors | null;
  focus: number;
  cell: { k: number; c: number } | null;
  cellScale: CellScale;
  microSource: MicroSource;
  micro: MicroReport | null;
  microError: string | null;
}

export const MAP_DEFAULTS: MapOptions = { nEpochs: 200, nNeighbors: 15, minDist: 0.1, seed: 42, sample: 25_000 };

export const initialConceptsState = (): ConceptsState => ({
  source: null,
  report: null,
  reportError: null,
  mapOptions: MAP_DEFAULTS,
  coords: null,
  mapMs: null,
  laidOut: 0,
  mapProgress: null,
  mapError: null,
  colourBy: { kind: 'concept' },
  isolate: -1,
  search: '',
  hovered: null,
  selected: null,
  neighbours: null,
  reveal: 0,
  showUser: true,
  anchors: null,
  focus: 0,
  cell: null,
  cellScale: 'column',
  microSource: { kind: 'users', k: 0 },
  micro: null,
  microError: null,
});

/** The Concepts section's own store; it follows the main store's `loaded` (see concepts-actions.ts). */
export const useConcepts = create<ConceptsState>(() => initialConceptsState());
