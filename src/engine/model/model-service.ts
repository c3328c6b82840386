import { DataError } from '../../core/data/data-error';
import { loadModel } from '../../core/model/checkpoint';
import type { ModelDescription } from '../../core/model/model-description';
import type { LoadedState, ModelInfo } from '../../protocol/engine';
import type { LibraryService } from '../library/library-service';
import { sameItems, type Workspace } from '../workspace';
import { readModelFiles } from './model-files';

/** Opening saved models: checked against the open dataset before they replace the shown one. */
export class ModelService {
  constructor(
    private readonly ws: Workspace,
    private readonly library: LibraryService,
  ) {}

  /** A model for other items, or one whose file fails a check, is refused and the shown one stays. */
  async open(
    description: ModelDescription,
    weights: ArrayBuffer,
    source: ModelInfo['source'],
    weightsName?: string,
    jsonName = 'model.json',
  ): Promise<ModelInfo> {
    const vocab = this.ws.requireData().split.itemIds;
    if (!sameItems(description.itemIds, vocab)) {
      throw DataError.about(
        jsonName,
        `its item vocabulary (${description.itemIds.length} items, from ${description.dataset?.name ?? 'an unknown dataset'}) does not match the open dataset's (${vocab.length} items): train it on this dataset or open the dataset it was trained on`,
      );
    }
    const model = loadModel(description, weights, weightsName);
    return this.ws.setModel(model, {
      source,
      bestEpoch: description.training?.bestEpoch ?? 0,
      epochs: description.training?.epochs ?? 0,
      test: savedTest(description.metrics.test),
      anchor: description.training?.anchor,
    });
  }

  /** model.json and its weights, or config.json and its .safetensors, chosen by the user. */
  async openFiles(files: File[]): Promise<LoadedState> {
    const { description, weights, weightsName, jsonName } = await readModelFiles(files);
    await this.open(description, weights, 'file', weightsName, jsonName);
    const name = `${description.config.kind} from ${jsonName}`;
    const notice = await this.library.recordFile(description, weights, name);
    return { ...this.ws.loaded(), notice };
  }
}

/** The saved test metrics when they have the shape the status bar reads; anything else is left out, not shown broken. */
function savedTest(test: unknown): ModelInfo['test'] {
  const t = test as Record<string, { mean?: unknown; se?: unknown }> | undefined;
  const ok = (k: string) => typeof t?.[k]?.mean === 'number' && typeof t?.[k]?.se === 'number';
  return ok('ndcg100') && ok('recall20') && ok('recall50') ? (test as ModelInfo['test']) : undefined;
}
