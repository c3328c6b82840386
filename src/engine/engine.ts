import type { BackendName } from '../core/backend';
import type { MapStarter } from '../core/concepts/map/map-protocol';
import type { PeerStarter } from '../core/train/replica';
import { tf } from '../core/tf';
import type { BackendStatus, MemoryStatus } from '../protocol/engine';
import { ConceptsService } from './concepts/concepts-service';
import { DatasetService } from './dataset/dataset-service';
import { ModelService } from './model/model-service';
import { TrainingService } from './training/training-service';
import { Explorer } from './traversal/explorer';
import { UploadSession } from './upload/upload-session';
import { Workspace } from './workspace';

export type BackendChooser = (forced?: BackendName | null) => Promise<BackendStatus>;

/**
 * The one engine behind the page, all tfjs work included. Its services are properties
 * (`engine.explorer.moveOffsets(…)`), each reading the open dataset and model from one Workspace.
 * It runs in a Web Worker (worker/engine.worker.ts) or, where workers fail, on the main thread.
 */
export class Engine {
  private readonly ws = new Workspace();
  readonly models = new ModelService(this.ws);
  readonly dataset = new DatasetService(this.ws, this.models);
  readonly explorer = new Explorer(this.ws);
  readonly concepts: ConceptsService;
  /** the upload being previewed: parsed and split beside the open dataset, which it replaces only on commit */
  readonly upload = new UploadSession(this.ws);
  readonly training: TrainingService;
  private backend: BackendStatus | null = null;

  /**
   * `startPeers` (optional) runs data-parallel training replicas in other threads on cpu/wasm;
   * `startMapThread` (optional) opens the thread each item map is computed in.
   */
  constructor(
    private readonly chooseBackend: BackendChooser,
    startPeers?: PeerStarter,
    startMapThread?: MapStarter,
  ) {
    this.training = new TrainingService(this.ws, startPeers);
    this.concepts = new ConceptsService(this.ws, startMapThread);
  }

  async init(forced?: BackendName | null): Promise<BackendStatus> {
    this.backend = await this.chooseBackend(forced);
    return this.backend;
  }

  /** Answers as soon as the engine's code has loaded; touches no backend. */
  ping(): string {
    return 'ready';
  }

  memory(): MemoryStatus {
    if (!this.backend) return { numTensors: 0, numBytes: 0 };
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  }
}
