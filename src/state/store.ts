import { create } from 'zustand';
import type { ModelInfo } from '../protocol/engine';
import { initialDataset, type DatasetSlice } from './dataset-slice';
import { initialEngine, type EngineSlice } from './engine-slice';
import { initialLibrary, type LibrarySlice } from './library-slice';
import { initialSelection, type SelectionSlice } from './selection-slice';
import { initialTraining, type TrainingSlice } from './training-slice';

export type AppState = EngineSlice & DatasetSlice & SelectionSlice & TrainingSlice & LibrarySlice;

export const initialState = (): AppState => ({
  ...initialEngine(),
  ...initialDataset(),
  ...initialSelection(),
  ...initialTraining(),
  ...initialLibrary(),
});

/** The app's one store, made of slices (one file each); actions live beside it at module level. */
export const useStore = create<AppState>(() => initialState());

export const modelInfo = (s: AppState): ModelInfo | null => s.loaded?.model ?? null;
