import type { BackendStatus, TrainSettings } from '../../protocol/engine';
import { tensorBudget, usersPerChunk, type BufferLimits } from '../../core/tensor-budget';

export interface DataShape {
  /** M, the item vocabulary */
  items: number;
  trainUsers: number;
  valUsers: number;
}

export interface BackendClass {
  kind: 'gpu' | 'software-gpu' | 'wasm' | 'cpu';
  label: string;
  /** K·d above which a run on this backend gets a warning (for a few thousand items) */
  kdLimit: number;
  /** WebGPU's buffer limits (a simulated one included), which MacridVAE's decoder chunks keep to */
  limits?: BufferLimits | null;
}

/** A software renderer's name, as chromium reports it for SwiftShader, Mesa's llvmpipe / lavapipe. */
export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|lavapipe|software/i;

/**
 * How fast the active backend is, coarsely. The limits are the K·d where one epoch on the demo
 * (≈ 5.7k items, ≈ 500 training users) starts to take more than a minute or so.
 */
export function classifyBackend(backend: BackendStatus | null, webglRenderer: string | null = null): BackendClass {
  return { ...backendKind(backend, webglRenderer), limits: backend?.limits ?? null };
}

function backendKind(backend: BackendStatus | null, webglRenderer: string | null): BackendClass {
  switch (backend?.name) {
    case 'webgpu':
      return backend.adapter?.isFallback
        ? { kind: 'software-gpu', label: `WebGPU on a software adapter (${backend.adapter.description})`, kdLimit: 32 }
        : { kind: 'gpu', label: `WebGPU${backend.adapter ? ` (${backend.adapter.description})` : ''}`, kdLimit: 4096 };
    case 'webgl':
      return webglRenderer && SOFTWARE_RENDERER.test(webglRenderer)
        ? { kind: 'software-gpu', label: `WebGL on a software renderer (${webglRenderer.slice(0, 48)})`, kdLimit: 32 }
        : { kind: 'gpu', label: 'WebGL', kdLimit: 4096 };
    case 'wasm':
      return { kind: 'wasm', label: 'WebAssembly (CPU)', kdLimit: 512 };
    default:
      return { kind: 'cpu', label: 'plain JavaScript (CPU)', kdLimit: 128 };
  }
}

/** K for the model's decoder width: MacridVAE scores every item once per concept, the baselines once. */
export const effectiveK = (s: TrainSettings) => (s.kind === 'macridvae' ? s.K : 1);

export interface Cost {
  kd: number;
  /** floating-point operations of one epoch: training (forward + backward) and validation */
  epochFlops: number;
  /**
   * bytes of the largest intermediate: the batch × M scores of the baselines, MacridVAE's
   * [users·K, M] decoder chunk or validation batch [users, M] within its tensor budget
   */
  largestTensorBytes: number;
  /** MacridVAE: users per decoder chunk (the whole batch when it fits) */
  chunkUsers: number | null;
  /** bytes of the trainable weights (Adam keeps two more copies, the best checkpoint one) */
  weightBytes: number;
}

/**
 * The decoder dominates: every user's K latents are scored against all M items, B·K·M·d
 * multiply-adds forward and twice that backward. The encoder reads only the clicks and is small.
 */
/** The users one epoch trains and validates on, after the optional sample. */
export function sampledShape(s: TrainSettings, data: DataShape): DataShape {
  const cap = (n: number) => (s.maxUsers > 0 ? Math.min(s.maxUsers, n) : n);
  return { items: data.items, trainUsers: cap(data.trainUsers), valUsers: cap(data.valUsers) };
}

export function estimateCost(s: TrainSettings, full: DataShape, limits: BufferLimits | null = null): Cost {
  const K = effectiveK(s);
  const data = sampledShape(s, full);
  const { items: M } = data;
  const batch = Math.min(s.batchSize, Math.max(data.trainUsers, data.valUsers));
  const budget = tensorBudget(limits);
  const chunkUsers = s.kind === 'macridvae' ? Math.min(batch, usersPerChunk(budget, K, M)) : null;
  const decoderMacs = K * M * s.d;
  const weights = s.kind === 'macridvae' ? 2 * M * s.d + K * s.d + 2 * s.d * s.d + 3 * s.d : 2 * M * s.d + 2 * s.d * s.d + M + 3 * s.d;
  return {
    kd: K * s.d,
    epochFlops: 6 * data.trainUsers * decoderMacs + 2 * data.valUsers * decoderMacs,
    largestTensorBytes:
      chunkUsers === null ? 4 * batch * M : 4 * M * Math.max(chunkUsers * K, Math.min(batch, usersPerChunk(budget, 1, M))),
    chunkUsers,
    weightBytes: 4 * weights,
  };
}

export interface Warning {
  level: 'caution' | 'danger';
  text: string;
}

const MB = 1024 * 1024;
/** training users per epoch above which a software GPU gets a warning whatever the model size */
const SOFTWARE_GPU_USERS = 50;

export function formatBytes(n: number): string {
  return n >= 1024 * MB
    ? `${(n / 1024 / MB).toFixed(1)} GB`
    : n >= MB
      ? `${(n / MB).toFixed(0)} MB`
      : `${Math.max(1, Math.round(n / 1024))} kB`;
}

/** Warnings for settings that would be slow or run out of memory on this backend. */
export function costWarnings(s: TrainSettings, full: DataShape, backend: BackendClass): Warning[] {
  const c = estimateCost(s, full, backend.limits ?? null);
  const data = sampledShape(s, full);
  const out: Warning[] = [];
  if (backend.kind === 'software-gpu' && data.trainUsers > SOFTWARE_GPU_USERS) {
    out.push({
      level: 'caution',
      text: `A software GPU takes minutes per epoch even for a tiny model (about 3 min for K=2, d=4 on the demo's ~500 training users in headless Chromium): set users to ${SOFTWARE_GPU_USERS} or fewer for a quick look, or reload with ?backend=wasm.`,
    });
  }
  const product = s.kind === 'macridvae' ? `K·d = ${s.K}·${s.d} = ${c.kd}` : `d = ${c.kd}`;
  if (c.kd > backend.kdLimit) {
    const factor = c.kd / backend.kdLimit;
    out.push({
      level: factor > 8 ? 'danger' : 'caution',
      text: `${product} is large for ${backend.label}: each epoch scores ${data.trainUsers} users × ${effectiveK(s)} × ${data.items} items in ${s.d} dimensions. Expect slow epochs; try ≤ ${backend.kdLimit}${backend.kind === 'software-gpu' ? ', or use the wasm backend (?backend=wasm)' : ''}.`,
    });
  }
  const gpuLike = backend.kind === 'gpu' || backend.kind === 'software-gpu';
  const tensorLimit = gpuLike ? 256 * MB : 512 * MB;
  if (c.largestTensorBytes > tensorLimit) {
    out.push({
      level: c.largestTensorBytes > 4 * tensorLimit ? 'danger' : 'caution',
      text: `One batch builds a ${formatBytes(c.largestTensorBytes)} score tensor (batch × items) and several like it for the gradients; lower the batch size if training fails for lack of memory.`,
    });
  }
  return out;
}
