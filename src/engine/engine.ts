import type { BackendName } from '../core/backend';
import { backendLimits, simulateBufferLimit } from '../core/model/decoder';
import type { MapStarter } from '../core/concepts/map/map-protocol';
import type { PeerStarter } from '../core/train/replica';
import { tf } from '../core/tf';
import type { BackendStatus, MemoryStatus } from '../protocol/engine';
import { ConceptsService } from './concepts/concepts-service';
import { DatasetService } from './dataset/dataset-service';
import { LibraryService } from './library/library-service';
import type { KeyValueStore } from './library/kv';
import { ModelService } from './model/model-service';
import { TrainingService, type TrainerStarter } from './training/training-service';
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
  readonly library = new LibraryService(this.ws);
  readonly models = new ModelService(this.ws, this.library);
  readonly dataset = new DatasetService(this.ws, this.library);
  readonly explorer = new Explorer(this.ws);
  readonly concepts: ConceptsService;
  /** the upload being previewed: parsed and split beside the open dataset, which it replaces only on commit */
  readonly upload = new UploadSession(this.ws, { committed: (data) => this.library.recordDataset(data) });
  readonly training: TrainingService;
  private backend: BackendStatus | null = null;
  private readonly openStore?: () => Promise<KeyValueStore | null>;

  /**
   * `startPeers` (optional) runs data-parallel training replicas in other threads on cpu/wasm;
   * `startMapThread` (optional) opens the thread each item map is computed in.
   */
  constructor(
    private readonly chooseBackend: BackendChooser,
    hosts: {
      startPeers?: PeerStarter;
      startMapThread?: MapStarter;
      openStore?: () => Promise<KeyValueStore | null>;
      startTrainer?: TrainerStarter;
    } = {},
  ) {
    this.openStore = hosts.openStore;
    this.training = new TrainingService(this.ws, this.library, hosts.startPeers, hosts.startTrainer);
    this.concepts = new ConceptsService(this.ws, hosts.startMapThread);
  }

  /**
   * Picks the backend and opens the library's storage (memory where there is no persistent one).
   * `bufferLimit` (bytes) simulates a WebGPU adapter whose buffer limits are that small, here and
   * in every training thread.
   */
  async init(forced?: BackendName | null, options: { bufferLimit?: number | null } = {}): Promise<BackendStatus> {
    const [backend, store] = await Promise.all([this.chooseBackend(forced), this.openStore?.() ?? null]);
    if (store) this.library.attach(store);
    const cap = options.bufferLimit && options.bufferLimit > 0 ? Math.floor(options.bufferLimit) : null;
    simulateBufferLimit(cap);
    const limits = backendLimits();
    // a cap above the adapter's own limits simulates nothing
    const binding = limits && cap === Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize) ? cap : null;
    this.backend = limits ? { ...backend, limits: { ...limits, simulated: binding } } : backend;
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
